import "server-only";
import { db } from "../platform/db.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { decodeSegment, parseId } from "../platform/ids.ts";

/**
 * Resolves a user id as Canvas accepts it: `self`, a numeric id, `sis_user_id:<id>` or
 * `sis_login_id:<login>` (the last two within the domain root account). Unknown → 404.
 */
export async function resolveUserId(
  param: string,
  ctx: { selfId: number; rootAccountId: number },
): Promise<number> {
  const raw = decodeSegment(param);
  if (raw === "self") return ctx.selfId;
  let where: object | null = null;
  if (/^\d+$/.test(raw)) {
    const id = parseId(raw);
    if (id === null) throw notFound();
    where = { id };
  } else if (raw.startsWith("sis_user_id:"))
    where = {
      logins: {
        some: { rootAccountId: ctx.rootAccountId, sisUserId: raw.slice(12), workflowState: "active" },
      },
    };
  else if (raw.startsWith("sis_login_id:"))
    where = {
      logins: {
        some: {
          rootAccountId: ctx.rootAccountId,
          uniqueIdNormalized: raw.slice(13).toLowerCase(),
          workflowState: "active",
        },
      },
    };
  if (!where) throw new AppError("not_found", "The specified resource does not exist.");
  const user = await db.user.findFirst({
    where: { ...where, workflowState: { not: "deleted" } },
    select: { id: true },
  });
  if (!user) throw notFound();
  return user.id;
}
