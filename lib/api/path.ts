import { notFound } from "../platform/errors.ts";
import { parseId } from "../platform/ids.ts";
import { decodeSegment } from "../platform/ids.ts";

/** A numeric path id; anything else names no record (404, as Canvas answers). */
export function pathId(value: string | undefined): number {
  const id = parseId(decodeSegment(value));
  if (id === null) throw notFound();
  return id;
}
