import "server-only";
// Email verification for self-registered accounts (issue 10): anyone can register with any email,
// so until its owner opens the one-time link of the welcome email (the one link mechanism of
// setup-tokens.ts, purpose verify_email), an admin may not link the account to anything — else
// an admin trusting the address would hand a stranger a student. The pairing code the parent
// typed themself stays enough for the link they made at registration.
import { db, type Tx } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { schoolOrigin } from "../accounts/origin.ts";
import { recordAudit } from "../audit/events.ts";
import { AppError, fieldError } from "../platform/errors.ts";
import { deliverSoon } from "../mail/outbox.ts";
import { plainTextName } from "../mail/texts.ts";
import { recipientLocale } from "../platform/locales.ts";
import { translator } from "../platform/messages.ts";
import { queueOneTimeLinkInTx } from "./password-setup.ts";
import { emailOf } from "./provisioning.ts";
import {
  LINK_LIFETIME_MINUTES,
  SETUP_LINK_PLACEHOLDER,
  setupDigest,
  setupLinkBase,
} from "../mail/one-time-links.ts";
import { throttledAttempt } from "./throttle/index.ts";

const days = () => Math.round(LINK_LIFETIME_MINUTES.verify_email / 1440);

/** The welcome email of a self-registered parent: how to sign in, what to do next, the verification link last. */
export function welcomeEmail(input: {
  name: string;
  studentName: string;
  schoolName: string;
  login: string;
  signInUrl: string;
  /** The language the parent registered in. */
  locale?: string | null;
}) {
  const t = translator(input.locale);
  const school = input.schoolName;
  return {
    subject: t("Emails.welcomeSubject", { school }),
    text: `${t("Emails.greeting", { name: plainTextName(input.name) })}\n\n${t("Emails.welcomeBody", {
      school,
      student: plainTextName(input.studentName),
      signInUrl: input.signInUrl,
      login: input.login,
      days: days(),
      link: SETUP_LINK_PLACEHOLDER,
    })}\n`,
  };
}

/** The email of "Send the link again" on Settings, in the recipient's language. */
function verifyAgainEmail(input: { name: string; school: string; locale: string }) {
  const t = translator(input.locale);
  return {
    subject: t("Emails.verifySubject", { school: input.school }),
    text: `${t("Emails.greeting", { name: plainTextName(input.name) })}\n\n${t("Emails.verifyBody", {
      days: days(),
      link: SETUP_LINK_PLACEHOLDER,
    })}\n`,
  };
}

/** Queues a verification email for a login (the welcome email, or a resend), in the caller's transaction. */
export async function queueVerificationInTx(
  tx: Tx,
  input: {
    loginId: number;
    to: string;
    rootAccountId: number;
    email: { subject: string; text: string };
  },
): Promise<void> {
  await queueOneTimeLinkInTx(tx, {
    loginId: input.loginId,
    purpose: "verify_email",
    email: {
      to: input.to,
      rootAccountId: input.rootAccountId,
      setupLink: await setupLinkBase(input.rootAccountId, "verify_email", tx),
      ...input.email,
    },
  });
}

export const signInUrl = async (rootAccountId: number, client?: Tx) =>
  new URL("/login", await schoolOrigin(rootAccountId, client)).toString();

const INVALID_LINK = "This link has expired or was already used. Sign in and send a new one from Settings.";

const liveVerification = (token: string) => ({
  digest: setupDigest(token),
  purpose: "verify_email" as const,
  usedAt: null,
  expiresAt: { gt: new Date() },
  login: { workflowState: "active" as const },
});

/** The address a verification link confirms, or null when it cannot be used. */
export async function findEmailVerification(token: string): Promise<{ email: string } | null> {
  if (!token || token.length > 100) return null;
  const row = await db.passwordSetupToken.findFirst({
    where: liveVerification(token),
    select: { login: { select: { uniqueId: true, user: { select: { email: true } } } } },
  });
  return row ? { email: emailOf({ email: row.login.user.email, uniqueId: row.login.uniqueId }) ?? "" } : null;
}

/** Confirms the email of a verification link: used up in the statement that checks it. */
export async function verifyEmail(input: { token: string; ip: string | null }): Promise<{ email: string }> {
  const found = await findEmailVerification(input.token);
  if (!found) throw fieldError("token", INVALID_LINK);
  await db.$transaction(async (tx) => {
    const used = await tx.passwordSetupToken.updateManyAndReturn({
      where: liveVerification(input.token),
      data: { usedAt: new Date() },
      select: { login: { select: { userId: true, rootAccountId: true } } },
    });
    if (!used[0]) throw fieldError("token", INVALID_LINK);
    const { userId, rootAccountId } = used[0].login;
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
    await recordAudit(tx, {
      action: "user.email_verified",
      actorId: userId,
      subjectId: userId,
      rootAccountId,
      ip: input.ip,
    });
  });
  return found;
}

/** Whether the signed-in user still has to confirm their email (self-registered, not verified). */
export async function emailVerificationStatus(
  actor: Actor,
): Promise<{ pending: boolean; email: string | null }> {
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: { email: true, selfRegistered: true, emailVerifiedAt: true },
  });
  return { pending: !!user?.selfRegistered && !user.emailVerifiedAt, email: user?.email ?? null };
}

export const VERIFY_LIMIT = { max: 3, windowSeconds: 60 * 60 } as const;

/** "Send the link again" in Settings: a new verification email; earlier verification links stop working. */
export async function resendEmailVerification(actor: Actor): Promise<{ sentTo: string }> {
  if (actor.masqueradedBy !== undefined)
    throw new AppError("forbidden", "Only the person themself can do this.");
  const login = await db.login.findFirst({
    where: {
      userId: actor.userId,
      rootAccountId: actor.domainRootAccountId,
      workflowState: "active",
      user: { selfRegistered: true, emailVerifiedAt: null },
    },
    select: {
      id: true,
      uniqueId: true,
      user: { select: { email: true, name: true, locale: true } },
      rootAccount: { select: { name: true, defaultLocale: true } },
    },
  });
  const to = login && emailOf({ email: login.user.email, uniqueId: login.uniqueId });
  if (!login || !to) throw new AppError("unprocessable", "Your email does not need confirming here.");
  // Each request sends an email: a few an hour, so the button cannot flood an inbox.
  await throttledAttempt([{ key: `verify:user:${actor.userId}`, ...VERIFY_LIMIT }], async (attempt) => {
    attempt.fail();
    await db.$transaction(async (tx) => {
      await tx.passwordSetupToken.deleteMany({
        where: { loginId: login.id, usedAt: null, purpose: "verify_email" },
      });
      await queueVerificationInTx(tx, {
        loginId: login.id,
        to,
        rootAccountId: actor.domainRootAccountId,
        email: verifyAgainEmail({
          name: login.user.name,
          school: login.rootAccount.name,
          locale: recipientLocale(login.user.locale, login.rootAccount.defaultLocale),
        }),
      });
    });
  });
  deliverSoon();
  return { sentTo: to };
}
