import "server-only";
import { loadActor, type Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { db } from "../db.ts";
import { AppError, unauthorized } from "../errors.ts";
import { mayMasquerade } from "../permissions.ts";
import { resolveUserId } from "../users.ts";

/**
 * `as_user_id`: an admin acting as another user (Canvas's masquerading). Every masqueraded request
 * is audited with the real user, because what follows is recorded under the target's id.
 */
export async function masquerade(real: Actor, asUserId: unknown, req: Request): Promise<Actor> {
  if (typeof asUserId !== "string" && typeof asUserId !== "number")
    throw new AppError("bad_request", "as_user_id: must be a user id.");
  const targetId = await resolveUserId(String(asUserId), {
    selfId: real.userId,
    rootAccountId: real.domainRootAccountId,
  });
  if (targetId === real.userId) return real;
  if (!(await mayMasquerade(real.userId, targetId))) throw unauthorized();
  const target = await loadActor(targetId, {
    domainRootAccountId: real.domainRootAccountId,
    ip: real.ip,
    via: real.via,
  });
  if (!target) throw unauthorized();
  const { pathname } = new URL(req.url);
  await recordAudit(db, {
    action: "user.masqueraded",
    actorId: real.userId,
    subjectId: targetId,
    rootAccountId: real.domainRootAccountId,
    ip: real.ip,
    data: { method: req.method, path: pathname },
  });
  return target;
}
