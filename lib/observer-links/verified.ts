import "server-only";
// The admin-link side of email verification (lib/identity/email-verification.ts): an account anyone could
// have registered with someone else's address is not linked by an admin until its owner confirms it.
import { db } from "../platform/db.ts";
import { AppError } from "../platform/errors.ts";

/** Refuses an admin's link while either user is self-registered with an unconfirmed email. */
export async function assertEmailsVerifiedForAdminLink(userIds: number[]): Promise<void> {
  const unverified = await db.user.findFirst({
    where: { id: { in: userIds }, selfRegistered: true, emailVerifiedAt: null },
    select: { name: true },
  });
  if (unverified)
    throw new AppError(
      "unprocessable",
      `${unverified.name} registered themself and has not confirmed their email address yet, so it cannot be linked by an admin. Ask them to open the link in their welcome email (or send a new one from their Settings); a pairing code they enter themself still works.`,
    );
}
