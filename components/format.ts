// Dates as people read them: in the viewer's zone when the page knows it (lib/platform/time-zone.ts), else
// UTC, and always naming the zone so the text never lies.
const formats = new Map<string, { dateTime: Intl.DateTimeFormat; dateOnly: Intl.DateTimeFormat }>();
function formatsFor(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = {
      dateTime: new Intl.DateTimeFormat("en-US", {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZone,
        timeZoneName: "short",
      }),
      dateOnly: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone }),
    };
    formats.set(timeZone, f);
  }
  return f;
}

/** How a translated page writes a moment (next-intl's `format.dateTime`): with its zone named, as here. */
export const DATE_TIME_WITH_ZONE = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
} as const;

/** A Date, or an ISO 8601 string as the API's DTOs carry it, with its zone named ("… 4:05 PM CST"). */
export function formatDateTime(d: Date | string, timeZone = "UTC"): string {
  return formatsFor(timeZone).dateTime.format(new Date(d));
}

export function formatDate(d: Date, timeZone = "UTC"): string {
  return formatsFor(timeZone).dateOnly.format(d);
}

export { methodWords } from "@/lib/audit/method-words";

/** "Try again in 4 minutes" / "Try again at 14:05 UTC" for a throttled form. */
export function retryWords(retryAfterSeconds: number, now = Date.now()): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  if (minutes <= 60)
    return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  const at = new Date(now + retryAfterSeconds * 1000);
  return `Too many attempts. Try again at ${at.toISOString().slice(11, 16)} UTC.`;
}
