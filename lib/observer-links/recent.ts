import "server-only";
// What the Observing page says after a link or an unlink ("You are now observing Sam"). The page
// is told only an id (in its address, after the action redirects); the words come from the
// database, so a crafted address cannot make the page claim something that did not happen.
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";

const RECENT_MS = 10 * 60_000;

/** `kind` and `name` let a page say it in the viewer's language; `text` is the English. */
export type LinkChangeNotice = { tone: "success"; kind: "added" | "removed"; name: string; text: string };

export async function linkChangeNotice(
  actor: Actor,
  input: { added?: number; removed?: number },
): Promise<LinkChangeNotice | null> {
  const studentId = input.added ?? input.removed;
  if (!studentId || !Number.isSafeInteger(studentId)) return null;
  const links = await db.observationLink.findMany({
    where: { observerId: actor.userId, studentId },
    select: { workflowState: true, updatedAt: true, student: { select: { name: true } } },
  });
  if (links.length === 0) return null;
  const name = links[0].student.name;
  const active = links.some((l) => l.workflowState === "active");
  if (input.added)
    return active
      ? {
          tone: "success",
          kind: "added",
          name,
          text: `You are now observing ${name}. Their courses are listed below.`,
        }
      : null;
  const recentlyRemoved = links.some(
    (l) => l.workflowState === "deleted" && Date.now() - l.updatedAt.getTime() < RECENT_MS,
  );
  return !active && recentlyRemoved
    ? {
        tone: "success",
        kind: "removed",
        name,
        text: `You no longer observe ${name}. Their courses are no longer shown to you.`,
      }
    : null;
}
