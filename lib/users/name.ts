// The one rule for a person's name as stored: bidirectional embedding, override and isolate
// controls (U+202A–U+202E, U+2066–U+2069) removed — in a name they only serve to make text
// display in another order than it is stored ("Sam‮ tnedutS" spoofing what an admin or a student
// reads in a list or an email) — and runs of whitespace made one space. Every path that stores a
// name (provisioning, registration, admin creation, imports) goes through cleanName.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function cleanName(name: string): string {
  return name.replace(BIDI_CONTROLS, "").replace(/\s+/g, " ").trim();
}

/** cleanName for optional values (imports' sortable and short names). */
export const cleanNameOrNull = (name: string | null | undefined): string | null =>
  name == null ? null : cleanName(name) || null;

export function sortableNameOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return name.trim();
  const last = parts.pop()!;
  return `${last}, ${parts.join(" ")}`;
}

export function shortNameOf(name: string): string {
  return name.trim();
}
