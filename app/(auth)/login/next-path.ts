/**
 * Only same-site paths may be a post-login destination, and only ones a Location header can
 * carry: a control character (a newline typed into `next`) or other raw text would make the redirect itself fail
 * (a 500), so such a value is no destination.
 */
export function safeNext(value: FormDataEntryValue | null | undefined): string {
  const s = typeof value === "string" ? value : "";
  // Printable ASCII but the backslash (browsers read "/\\host" as another site); a real path's
  // other characters arrive percent-encoded.
  return /^\/(?![/\\])[!-[\]-~]*$/.test(s) && s.length <= 2000 ? s : "/";
}

/** Where a sign-in from this page lands: with a pairing code, the one-step "Add this student?". */
export function landingAfterSignIn(next: string | undefined, code: string | undefined): string {
  return code ? `/register?code=${encodeURIComponent(code)}` : safeNext(next);
}
