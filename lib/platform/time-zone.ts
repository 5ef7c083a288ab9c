// The viewer's time zone, as their browser names it (IANA, e.g. "America/Chicago"). Pages show
// every time in it, named, so a parent and a student read the same clock; until the browser has
// said (the first page view), times are in UTC, and say so.
import { z } from "zod";

export const DEFAULT_TIME_ZONE = "UTC";
export const TIME_ZONE_COOKIE = "tz";

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A cookie's claim about the zone: any zone this server's Intl knows, else UTC. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/)
  .refine(isTimeZone);

export function parseTimeZone(value: string | undefined): string {
  const parsed = timeZoneSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_TIME_ZONE;
}
