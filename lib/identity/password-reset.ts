import "server-only";
// "Forgot password?": a short-lived one-time link by email, through the one link mechanism of
// setup-tokens.ts (digest only, made as the email is sent, single use). The answer is the same
// whether the login exists or not, and every request — found or not — is counted, per login at an address and
// per address, so the form can neither find accounts nor flood someone's inbox.
import { z } from "zod";
import { db } from "../platform/db.ts";
import { getDomainRootAccount } from "../accounts/accounts.ts";
import { recordAudit } from "../audit/events.ts";
import { AppError } from "../platform/errors.ts";
import { deliverSoon } from "../mail/outbox.ts";
import { plainTextName } from "../mail/texts.ts";
import { recipientLocale } from "../platform/locales.ts";
import { translator } from "../platform/messages.ts";
import { queueOneTimeLinkInTx } from "./password-setup.ts";
import { emailOf } from "./provisioning.ts";
import { LINK_LIFETIME_MINUTES, SETUP_LINK_PLACEHOLDER, setupLinkBase } from "../mail/one-time-links.ts";
import { throttledAttempt, type Limit } from "./throttle/index.ts";

export const RESET_LIMITS = {
  login: { max: 3, windowSeconds: 60 * 60 },
  ip: { max: 20, windowSeconds: 60 * 60 },
} as const;

export const passwordResetSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email or login.").max(254),
});

/** What the page says after every request, whatever happened. */
export const RESET_REQUESTED =
  "If an account here uses that email or login, we sent it a link to choose a new password. Check your email (and spam folder); the link works once, for 60 minutes.";

// Per login *and address*, as sign-in: requests from elsewhere must not use up the owner's own.
function resetLimits(login: string, ip: string | null): Limit[] {
  const limits: Limit[] = [{ key: `reset:login-ip:${login}|${ip ?? "unknown"}`, ...RESET_LIMITS.login }];
  if (ip) limits.push({ key: `reset:ip:${ip}`, ...RESET_LIMITS.ip });
  return limits;
}

/** The email with a reset link (placeholder until sent); `by` names an admin who sent it. */
export function passwordResetEmail(input: {
  name: string;
  schoolName: string;
  by?: "school";
  /** The recipient's language (recipientLocale). */
  locale?: string | null;
}) {
  const t = translator(input.locale);
  const school = input.schoolName;
  const why =
    input.by === "school" ? t("Emails.resetWhySchool", { school }) : t("Emails.resetWhySelf", { school });
  const body = t("Emails.resetBody", {
    why,
    minutes: LINK_LIFETIME_MINUTES.reset,
    link: SETUP_LINK_PLACEHOLDER,
  });
  return {
    subject: t("Emails.resetSubject", { school }),
    text: `${t("Emails.greeting", { name: plainTextName(input.name) })}\n\n${body}\n`,
  };
}

/**
 * Answers a reset request: always the same, and in the same time whether the login exists or not
 * — the request only counts itself and hands the lookup and the email to work that runs after
 * the answer (sendPasswordReset), so how long it takes says nothing about the account.
 */
export async function requestPasswordReset(input: {
  email: string;
  host: string | null;
  ip: string | null;
}): Promise<void> {
  const parsed = passwordResetSchema.safeParse({ email: input.email });
  if (!parsed.success)
    throw new AppError("bad_request", parsed.error.issues[0].message, {
      fieldErrors: { email: [parsed.error.issues[0].message] },
    });
  const typed = parsed.data.email;
  const account = await getDomainRootAccount(input.host);
  await throttledAttempt(resetLimits(typed, input.ip), async (attempt) => {
    attempt.fail(); // every request counts, found or not
    afterAnswer(() => sendPasswordReset({ typed, account, ip: input.ip }));
  });
}

// Work handed off by requests in this process, until it is done (a process that dies first loses
// it: the person asks again, as for a lost email).
const pending = new Set<Promise<void>>();

function afterAnswer(work: () => Promise<void>): void {
  const p = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .catch((err) => console.error("[password-reset] could not send a reset email", err))
    .finally(() => pending.delete(p));
  pending.add(p);
}

/** Resolves once every reset this process was asked for so far is queued (tests, shutdown). */
export async function passwordResetsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/** Queues a reset email for the login typed, if it exists at the school. */
async function sendPasswordReset(input: {
  typed: string;
  account: { id: number; name: string; defaultLocale?: string };
  ip: string | null;
}): Promise<void> {
  const { typed, account } = input;
  const login = await db.login.findFirst({
    where: {
      rootAccountId: account.id,
      uniqueIdNormalized: typed,
      workflowState: "active",
      user: { workflowState: "active" },
    },
    select: {
      id: true,
      userId: true,
      uniqueId: true,
      user: { select: { name: true, email: true, locale: true } },
    },
  });
  const to = login && emailOf({ email: login.user.email, uniqueId: login.uniqueId });
  if (!login || !to) return;
  const base = await setupLinkBase(account.id, "reset");
  await db.$transaction(async (tx) => {
    // One reset link at a time: an earlier one stops working.
    await tx.passwordSetupToken.deleteMany({
      where: { loginId: login.id, usedAt: null, purpose: "reset" },
    });
    await queueOneTimeLinkInTx(tx, {
      loginId: login.id,
      purpose: "reset",
      email: {
        to,
        rootAccountId: account.id,
        setupLink: base,
        ...passwordResetEmail({
          name: login.user.name,
          schoolName: account.name,
          locale: recipientLocale(login.user.locale, account.defaultLocale),
        }),
      },
    });
    await recordAudit(tx, {
      action: "login.reset_requested",
      actorId: null,
      subjectId: login.userId,
      rootAccountId: account.id,
      ip: input.ip,
      data: { loginId: login.id },
    });
  });
  deliverSoon();
}
