import { notFound } from "../errors.ts";
import { decodeSegment } from "../users.ts";

/** A numeric path id; anything else names no record (404, as Canvas answers). */
export function pathId(value: string | undefined): number {
  const raw = decodeSegment(value);
  if (!/^\d{1,15}$/.test(raw)) throw notFound();
  return Number(raw);
}
