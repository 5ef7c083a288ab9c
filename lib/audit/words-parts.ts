// The pieces every audit wording is built from (lib/audit/words.ts and its companions).
import { how } from "./method-words.ts";

/** An audit event with its people already named (null: no such person, or nobody recorded). */
export type NamedAuditEvent = {
  action: string;
  method: string | null;
  actor: string | null;
  subject: string | null;
  target: string | null;
  data: unknown;
  /** The course an enrollment event names, when there is one. */
  course?: string | null;
};

export const field = (data: unknown, key: string): unknown =>
  data && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, unknown>)[key]
    : undefined;
export const text = (data: unknown, key: string): string | null => {
  const v = field(data, key);
  return typeof v === "string" || typeof v === "number" ? String(v) : null;
};

/**
 * How it was done, and by whom when that was not `who` themself: ", by pairing code",
 * ", by Ada Admin (school admin)", ", through the API (by Ada Admin)".
 */
export function howBy(e: NamedAuditEvent, who: string | null, method = e.method): string {
  if (!e.actor || e.actor === who) return how(method);
  return method === "admin" ? `, by ${e.actor} (school admin)` : `${how(method)} (by ${e.actor})`;
}
export const someone = (name: string | null, fallback = "Someone") => name ?? fallback;
export type Wording = { label: string; describe: (e: NamedAuditEvent) => string };
