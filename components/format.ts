// Dates as people read them. Server-rendered in the server's zone, stated explicitly (UTC) so the
// text never lies; the <time> element carries the exact instant for assistive tech and scripts.
const dateTime = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** A Date, or an ISO 8601 string as the API's DTOs carry it. */
export function formatDateTime(d: Date | string): string {
  return `${dateTime.format(new Date(d))} UTC`;
}

export function formatDate(d: Date): string {
  return dateOnly.format(d);
}

export { methodWords } from "@/lib/method-words";

/** "Try again in 4 minutes" / "Try again at 14:05 UTC" for a throttled form. */
export function retryWords(retryAfterSeconds: number, now = Date.now()): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  if (minutes <= 60)
    return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  const at = new Date(now + retryAfterSeconds * 1000);
  return `Too many attempts. Try again at ${at.toISOString().slice(11, 16)} UTC.`;
}
