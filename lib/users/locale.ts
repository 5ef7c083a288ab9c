import "server-only";
import { z } from "zod";
import { db } from "../platform/db.ts";
import { recordAudit } from "../audit/events.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../platform/errors.ts";
import { zodFieldErrors } from "../platform/action-state.ts";
import { LOCALES } from "../platform/locales.ts";

/** "" is "automatic": the browser's language, else the school's default. */
export const userLocaleSchema = z.object({
  locale: z.union([z.enum(LOCALES), z.literal("")], { error: "Choose a language from the list." }),
});

/**
 * The language a user reads the site and their emails in (Settings). Only their own: an admin
 * acting as them (as_user_id) may not change it for them.
 */
export async function setUserLocale(
  actor: Actor,
  input: { locale: unknown },
): Promise<{ locale: string | null }> {
  const parsed = userLocaleSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = zodFieldErrors(parsed.error.issues);
    throw new AppError("bad_request", Object.values(fieldErrors)[0][0], { fieldErrors });
  }
  if (actor.masqueradedBy)
    throw new AppError("forbidden", "Only the user themself may choose their language.");
  const locale = parsed.data.locale || null;
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { locale: true } });
    if (before.locale === locale) return { locale };
    await tx.user.update({ where: { id: actor.userId }, data: { locale } });
    await recordAudit(tx, {
      action: "user.locale_changed",
      actorId: actor.userId,
      subjectId: actor.userId,
      rootAccountId: actor.domainRootAccountId,
      ip: actor.ip,
      data: { from: before.locale, to: locale },
    });
    return { locale };
  });
}
