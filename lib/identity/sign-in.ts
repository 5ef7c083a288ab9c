import "server-only";
// Password sign-in (Auth.js's credentials provider) and the lookups it makes (also the CLI's).
import { getDomainRootAccount } from "../accounts/accounts.ts";
import { recordAudit } from "../audit/index.ts";
import { db } from "../platform/db.ts";
import { burnPasswordCheck, verifyPassword } from "./passwords.ts";
import { signInLimits, throttledAttempt } from "./throttle/index.ts";
import { passwordSignInAllowed, refusePasswordSignIn } from "./sso/password-policy.ts";

/** The active login matching a typed login id in a root account (for sign-in). */
export async function findLoginForSignIn(uniqueId: string, rootAccountId: number) {
  return db.login.findFirst({
    where: {
      rootAccountId,
      uniqueIdNormalized: uniqueId.trim().toLowerCase(),
      workflowState: "active",
      user: { workflowState: "active" },
    },
    select: { id: true, userId: true, passwordHash: true },
  });
}

/** A password sign-in: the login's last sign-in, and an audit event saying how. */
export async function recordSignIn(
  login: { id: number; userId: number },
  context: { rootAccountId: number; ip: string | null },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.login.update({ where: { id: login.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(tx, {
      action: "login.signed_in",
      actorId: login.userId,
      subjectId: login.userId,
      rootAccountId: context.rootAccountId,
      ip: context.ip,
      data: { via: "password" },
    });
  });
}

/**
 * Checks a login and password in the host's school, under the sign-in throttle: the user's id, or
 * null when they do not match. Throws AppError("rate_limited") when the attempt is not allowed,
 * AppError("forbidden") when the school has switched passwords off for this student or staff member.
 */
export async function signInWithPassword(input: {
  login: string;
  password: string;
  host: string | null;
  ip: string | null;
}): Promise<{ userId: number; rootAccountId: number } | null> {
  try {
    const account = await getDomainRootAccount(input.host);
    const audit = { rootAccountId: account.id, ip: input.ip };
    return await throttledAttempt(
      signInLimits({ login: input.login, ip: input.ip }),
      async (attempt) => {
        const login = await findLoginForSignIn(input.login, account.id);
        if (!login) await burnPasswordCheck(input.password);
        if (!login || !(await verifyPassword(login.passwordHash, input.password))) {
          attempt.fail();
          throw new WrongPassword();
        }
        // After the password, so only its holder learns that passwords are off for this login.
        if (!(await passwordSignInAllowed(login.userId, account.id)))
          await refusePasswordSignIn({ userId: login.userId, ...audit, via: "password" });
        await recordSignIn(login, audit);
        return { userId: login.userId, rootAccountId: account.id };
      },
      { audit },
    );
  } catch (err) {
    if (err instanceof WrongPassword) return null;
    throw err;
  }
}

class WrongPassword extends Error {}
