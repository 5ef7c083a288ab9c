import { notFound } from "next/navigation";
import { toAppError } from "@/lib/errors";
import { parseId } from "@/lib/ids";

/** A positive integer id from a route segment, or the 404 page. */
export function idOr404(raw: string): number {
  const id = parseId(raw);
  if (id === null) notFound();
  return id;
}

/** Awaits a lib/ lookup; its "not found" (which is also what an unauthorized actor gets) becomes the 404 page. */
export async function or404<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (toAppError(err)?.code === "not_found") notFound();
    throw err;
  }
}
