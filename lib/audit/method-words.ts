// How a link or change was made (a LinkMethod), in words: as a noun for lists and filters, and as
// the end of an audit sentence.
const METHOD_WORDS: Record<string, string> = {
  code: "pairing code",
  qr: "QR code",
  admin: "school admin",
  sis: "school records (SIS)",
  api: "API",
  credentials: "student's sign-in",
  self_registration: "registration with a code",
};

/** A link's or change's method as a noun ("pairing code"), for lists and filters. */
export function methodWords(method: string | null): string {
  return method ? (METHOD_WORDS[method] ?? method) : "—";
}

/** How something was done, to end a sentence: ", by pairing code". */
export function how(method: string | null): string {
  if (!method) return "";
  const phrase: Record<string, string> = {
    code: "by pairing code",
    qr: "by QR code",
    admin: "by a school admin",
    sis: "from school records (SIS)",
    api: "through the API",
    credentials: "with the student's sign-in",
    self_registration: "while registering with a code",
  };
  return `, ${phrase[method] ?? `by ${method.replace(/_/g, " ")}`}`;
}
