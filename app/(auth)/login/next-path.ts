/** Only same-site paths may be a post-login destination. */
export function safeNext(value: FormDataEntryValue | null | undefined): string {
  const s = typeof value === "string" ? value : "";
  return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/\\") ? s : "/";
}

/** Where a sign-in from this page lands: with a pairing code, the one-step "Add this student?". */
export function landingAfterSignIn(next: string | undefined, code: string | undefined): string {
  return code ? `/register?code=${encodeURIComponent(code)}` : safeNext(next);
}
