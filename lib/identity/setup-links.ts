import "server-only";
// "Send password link" on the admin user page (the design of one-time links is at the top of
// password-setup.ts): for a login whose password was never chosen, a setup link (7 days); for one
// with a password (the family forgot it), a reset link (60 minutes). It replaces the login's
// earlier unused password links. With SMTP the new link is emailed to the person, as when the account was made:
// the admin never sees it. Without SMTP (the local demo, where mail stays in the outbox and the
// outbox never shows a link) the link is shown once to the admin to hand over — a credential to
// the account, so only to a root admin who may already act as the user (mayMasquerade: admin of
// every school they belong to, no admin role the actor lacks) — and audited either way.
import { db, type Tx } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/events.ts";
import { AppError, notFound } from "../platform/errors.ts";
import { deliverSoon, mailIsSent } from "../mail/outbox.ts";
import { passwordSetupEmail, queueOneTimeLinkInTx } from "./password-setup.ts";
import { passwordResetEmail } from "./password-reset.ts";
import { mayMasquerade } from "../accounts/permissions.ts";
import { emailOf } from "./provisioning.ts";
import { newSetupToken, setupLinkBase, setupLinkWithToken } from "../mail/one-time-links.ts";
import { getAdminScope } from "../accounts/admin-scope.ts";
import { recipientLocale } from "../platform/locales.ts";

export type NewSetupLink = ({ emailedTo: string } | { link: string; expiresAt: Date }) & {
  purpose: "setup" | "reset";
};

export async function renewPasswordSetup(actor: Actor, input: { loginId: number }): Promise<NewSetupLink> {
  const { rootAccountIds } = await getAdminScope(actor.userId);
  const login = await db.login.findFirst({
    where: {
      id: input.loginId,
      workflowState: "active",
      rootAccountId: { in: rootAccountIds },
      user: { workflowState: { not: "deleted" } },
    },
    select: {
      id: true,
      userId: true,
      uniqueId: true,
      rootAccountId: true,
      passwordHash: true,
      user: { select: { name: true, email: true, locale: true } },
      rootAccount: { select: { name: true, defaultLocale: true } },
    },
  });
  if (!login) throw notFound();
  const purpose = login.passwordHash === null ? "setup" : "reset";
  const audit = { actorId: actor.userId, subjectId: login.userId, rootAccountId: login.rootAccountId };
  const replaceLinksInTx = async (tx: Tx) => {
    // One new link per login at a time: two admins clicking together queue up here.
    await tx.$queryRaw`SELECT id FROM logins WHERE id = ${login.id} FOR UPDATE`;
    await tx.passwordSetupToken.deleteMany({
      where: { loginId: login.id, usedAt: null, purpose: { in: ["setup", "reset"] } },
    });
  };

  if (mailIsSent()) {
    const to = emailOf({ email: login.user.email, uniqueId: login.uniqueId });
    if (!to) throw new AppError("unprocessable", "This user has no email address to send a link to.");
    await db.$transaction(async (tx) => {
      await replaceLinksInTx(tx);
      const words = {
        name: login.user.name,
        schoolName: login.rootAccount.name,
        locale: recipientLocale(login.user.locale, login.rootAccount.defaultLocale),
      };
      await queueOneTimeLinkInTx(tx, {
        loginId: login.id,
        purpose,
        email: {
          to,
          rootAccountId: login.rootAccountId,
          ...(purpose === "setup"
            ? passwordSetupEmail({
                ...words,
                setupLink: await setupLinkBase(login.rootAccountId, "setup", tx),
              })
            : {
                ...passwordResetEmail({ ...words, by: "school" }),
                setupLink: await setupLinkBase(login.rootAccountId, "reset", tx),
              }),
        },
      });
      await recordAudit(tx, {
        action: "login.setup_link_sent",
        ...audit,
        ip: actor.ip,
        data: { loginId: login.id, purpose },
      });
    });
    deliverSoon();
    return { emailedTo: to, purpose };
  }

  if (!(await mayMasquerade(actor.userId, login.userId)))
    throw new AppError(
      "unauthorized",
      "Only an admin of every school this person belongs to may see their setup link. Set up email (SMTP_URL) to send it to them instead.",
    );
  const { token, digest, expiresAt } = newSetupToken(purpose);
  await db.$transaction(async (tx) => {
    await replaceLinksInTx(tx);
    await tx.passwordSetupToken.create({ data: { loginId: login.id, purpose, digest, expiresAt } });
    await recordAudit(tx, {
      action: "login.setup_link_shown",
      ...audit,
      ip: actor.ip,
      data: { loginId: login.id, purpose },
    });
  });
  return {
    link: setupLinkWithToken(await setupLinkBase(login.rootAccountId, purpose), token),
    expiresAt,
    purpose,
  };
}
