import "server-only";
// Accounts made by an admin without a password (Canvas's `pseudonym[force_self_registration]`, or
// simply no password): the person gets an email with a one-time link to choose one. Without it
// the account could never be signed in to — the usual automation (create the parent, then pair)
// would leave families locked out.
//
// Design: a live link is never at rest. A link is a row of password_setup_tokens (login, digest,
// expiry, used_at) — only ever the SHA-256 digest of its token, single use, 7 days. Queuing the
// email (here, and in bulk in imports/setup-links.ts) writes that row WITHOUT a digest (and
// already expired) and an outbox email whose text has a placeholder where the link goes, with the
// link's base and row id beside it. Delivery (mail.ts) completes the text only as it sends: in the transaction that holds
// the email's row lock (FOR UPDATE SKIP LOCKED, so one instance of any number), it makes a fresh
// token, stores its digest and a new 7-day expiry in the row, and sends the text with the link;
// the outbox row keeps the placeholder. A retried send rotates again, so a token from a failed
// attempt stops working; a rolled-back send rolls its token back. Once a password is chosen, or
// an admin makes a new link, the login's other unused links are deleted, and an email still
// waiting for one of them is not sent.
// Without SMTP (the local demo) mail stays in the outbox and no link is ever issued from it: an
// admin uses "New setup link" on the user's page (admin/setup-links.ts), which shows the link
// once — only to a root admin who may already act as that user — and is audited.
import { db, type Tx } from "../platform/db.ts";
import { recordAudit } from "../audit/events.ts";
import { fieldError } from "../platform/errors.ts";
import type { OneTimeLinkPurpose } from "../platform/generated/prisma/client.ts";
import { queueEmailInTx, type Email } from "../mail/outbox.ts";
import { plainTextName, withoutDirectionControls } from "../mail/texts.ts";
import { recipientLocale } from "../platform/locales.ts";
import { translator } from "../platform/messages.ts";
import { hashPassword, newPasswordProblem } from "./passwords.ts";
import {
  SETUP_LINK_LIFETIME_DAYS,
  SETUP_LINK_PLACEHOLDER,
  setupDigest,
  setupLinkBase,
} from "../mail/one-time-links.ts";

/** The email carrying a setup link (the one wording, for one account or a bulk import), link not yet in. */
export function passwordSetupEmail(input: {
  name: string;
  schoolName: string;
  setupLink: string;
  /** The recipient's language (recipientLocale); the school's default language where unknown. */
  locale?: string | null;
}) {
  const t = translator(input.locale);
  const school = withoutDirectionControls(input.schoolName);
  const body = t("Emails.setupBody", {
    school,
    days: SETUP_LINK_LIFETIME_DAYS,
    link: SETUP_LINK_PLACEHOLDER,
  });
  return {
    subject: t("Emails.setupSubject", { school }),
    text: `${t("Emails.greeting", { name: plainTextName(input.name) })}\n\n${body}\n`,
    setupLink: input.setupLink,
  };
}

/**
 * Makes a one-time link of `purpose` for a login (issued when sent) and queues the email carrying
 * it, in the caller's transaction: the email's text holds SETUP_LINK_PLACEHOLDER where the link goes.
 */
export async function queueOneTimeLinkInTx(
  tx: Tx,
  input: { loginId: number; purpose: OneTimeLinkPurpose; email: Email & { setupLink: string } },
): Promise<void> {
  const row = await tx.passwordSetupToken.create({
    data: { loginId: input.loginId, purpose: input.purpose, digest: null, expiresAt: new Date() },
    select: { id: true },
  });
  await queueEmailInTx(tx, { ...input.email, setupTokenId: row.id });
}

/** Makes a setup link for a login (issued when sent) and queues the email carrying it, in the caller's transaction. */
export async function sendPasswordSetupInTx(
  tx: Tx,
  input: {
    loginId: number;
    email: string;
    name: string;
    schoolName: string;
    rootAccountId: number;
    /** The new user's language where known, else the school's default. */
    locale?: string | null;
  },
): Promise<void> {
  const setupLink = await setupLinkBase(input.rootAccountId, "setup", tx);
  const school = await tx.account.findUnique({
    where: { id: input.rootAccountId },
    select: { defaultLocale: true },
  });
  const locale = recipientLocale(input.locale, school?.defaultLocale);
  await queueOneTimeLinkInTx(tx, {
    loginId: input.loginId,
    purpose: "setup",
    email: {
      to: input.email,
      rootAccountId: input.rootAccountId,
      ...passwordSetupEmail({ ...input, setupLink, locale }),
    },
  });
}

const INVALID_LINK =
  'This link has expired or was already used. Ask for a new one with "Forgot password?" on the sign-in page, or ask your school.';

/** The links that choose a password (a verification link does not). */
const PASSWORD_PURPOSES: OneTimeLinkPurpose[] = ["setup", "reset"];

/** The setup link's login, and the user's own email (the password may be neither). */
async function findSetupRow(token: string) {
  if (!token || token.length > 100) return null;
  const row = await db.passwordSetupToken.findFirst({
    where: {
      digest: setupDigest(token),
      purpose: { in: PASSWORD_PURPOSES },
      usedAt: null,
      expiresAt: { gt: new Date() },
      login: { workflowState: "active" },
    },
    select: { purpose: true, login: { select: { uniqueId: true, user: { select: { email: true } } } } },
  });
  return row ? { email: row.login.uniqueId, userEmail: row.login.user.email, purpose: row.purpose } : null;
}

/** Who a setup link is for (to greet them on the page), or null when it cannot be used. */
export async function findPasswordSetup(
  token: string,
): Promise<{ email: string; purpose: OneTimeLinkPurpose } | null> {
  const row = await findSetupRow(token);
  return row && { email: row.email, purpose: row.purpose };
}

/**
 * Sets the password through a setup link. The link is used up in the same statement that checks
 * it, so two submissions cannot both succeed; the new password follows the same rules as
 * registration. Every session of the user ends (a reset is what someone does when their password
 * may be known), and the email is verified: the link reached its inbox. Returns the login to sign in with.
 */
export async function completePasswordSetup(input: {
  token: string;
  password: string;
  ip: string | null;
}): Promise<{ email: string }> {
  const setup = await findSetupRow(input.token);
  if (!setup) throw fieldError("token", INVALID_LINK);
  const problem = newPasswordProblem(input.password, setup.userEmail, setup.email);
  if (problem) throw fieldError("password", problem);
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: number; login_id: number }[]>`
      UPDATE password_setup_tokens SET used_at = now() AT TIME ZONE 'UTC'
       WHERE digest = ${setupDigest(input.token)} AND used_at IS NULL AND expires_at > now() AT TIME ZONE 'UTC'
         AND purpose IN ('setup', 'reset')
       RETURNING id, login_id`;
    if (!rows[0]) throw fieldError("token", INVALID_LINK);
    // The password is chosen: the login's other links (other emails, an admin's new link) die.
    await tx.passwordSetupToken.deleteMany({
      where: {
        loginId: rows[0].login_id,
        usedAt: null,
        id: { not: rows[0].id },
        purpose: { in: PASSWORD_PURPOSES },
      },
    });
    const login = await tx.login.update({
      where: { id: rows[0].login_id },
      data: { passwordHash },
      select: { userId: true, rootAccountId: true },
    });
    await tx.user.update({
      where: { id: login.userId },
      data: { sessionVersion: { increment: 1 }, emailVerifiedAt: new Date() },
    });
    await recordAudit(tx, {
      action: "login.password_set",
      actorId: login.userId,
      subjectId: login.userId,
      rootAccountId: login.rootAccountId,
      ip: input.ip,
      data: { purpose: setup.purpose },
    });
  });
  return { email: setup.email };
}
