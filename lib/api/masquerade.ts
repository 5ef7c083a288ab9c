import "server-only";
import { loadActor, type Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/events.ts";
import { db } from "../platform/db.ts";
import { AppError, unauthorized } from "../platform/errors.ts";
import { loginRootAccountIds, mayMasquerade } from "../accounts/permissions.ts";
import { resolveUserId } from "../users/index.ts";

/**
 * `as_user_id`: an admin acting as another user (Canvas's masquerading). Every masqueraded request
 * is audited with the real user, because what follows is recorded under the target's id — once in
 * each of the target's schools, since the target's powers apply in all of them and each school's
 * admins read only their own audit log.
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
  const rootAccountIds = await loginRootAccountIds(targetId);
  await db.$transaction(async (tx) => {
    for (const rootAccountId of rootAccountIds)
      await recordAudit(tx, {
        action: "user.masqueraded",
        actorId: real.userId,
        subjectId: targetId,
        rootAccountId,
        ip: real.ip,
        data: { method: req.method, path: pathname, domainRootAccountId: real.domainRootAccountId },
      });
  });
  return { ...target, masqueradedBy: real.userId };
}
