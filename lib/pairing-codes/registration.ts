import "server-only";
// Parent/guardian self-registration with a pairing code: the account, its login and the link are
// created in one transaction, or nothing is (Canvas's POST /users with pairing_code[code]).
import { z } from "zod";
import { db } from "../platform/db.ts";
import { getDomainRootAccount } from "../accounts/accounts.ts";
import { recordAudit } from "../audit/events.ts";
import { AppError, fieldError, fromPrismaError } from "../platform/errors.ts";
import { zodFieldErrors } from "../platform/action-state.ts";
import { cleanName } from "../users/name.ts";
import type { LinkMethod } from "../platform/generated/prisma/client.ts";
import { deliverSoon } from "../mail/outbox.ts";
import { queueVerificationInTx, signInUrl, welcomeEmail } from "../identity/email-verification.ts";
import { invalidCodeError, redeemCodeInTx } from "./redeem.ts";
import { findActiveCode } from "./find-code.ts";
import { linkPeople } from "../observer-links/core.ts";
import { loginRootAccountIds } from "../accounts/permissions.ts";
import { passwordEmailProblem, passwordShapeProblem } from "../identity/passwords.ts";
import { createUserWithLogin } from "../identity/provisioning.ts";
import { assertObserverRegistrationOpen } from "../accounts/self-registration.ts";
import { guessLimits, throttledAttempt } from "../identity/throttle/index.ts";
import { tellOwnerOfTakenEmail } from "./registration-taken.ts";
import { toUserJson, userJsonSelect, type UserJson } from "../users/index.ts";
import { isLocale, recipientLocale } from "../platform/locales.ts";

export { PASSWORD_RULES } from "../identity/passwords.ts";

export const registrationSchema = z
  .object({
    name: z
      .string()
      .transform(cleanName)
      .pipe(z.string().min(1, "Enter your full name.").max(100, "Use at most 100 characters.")),
    unique_id: z.string().trim().toLowerCase().email("Enter a valid email address.").max(254),
    // Checked on its own (so its error shows alongside others), then against the email below.
    password: z.string().superRefine((password, ctx) => {
      const problem = passwordShapeProblem(password);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    pairing_code: z.string().trim().min(1, "Enter the pairing code from your student.").max(64),
  })
  .superRefine((v, ctx) => {
    const problem = passwordShapeProblem(v.password) ? null : passwordEmailProblem(v.password, v.unique_id);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export type RegistrationInput = z.input<typeof registrationSchema> & {
  host: string | null;
  ip: string | null;
  method?: Extract<LinkMethod, "self_registration" | "qr">;
  /** A solved challenge, needed while the school's guessing budget is spent (lib/identity/throttle/index.ts). */
  challenge?: string | null;
  /** The language the parent registered in: kept as their choice, and their welcome email's. */
  locale?: string | null;
};

const invalidCode = () => invalidCodeError("bad_request");
/** Two sign-ups with one email at once: the loser (both typed a right code) is told. */
const loginTaken = () => fieldError("unique_id", "An account with this email already exists.");

/** Registers an observer in the host's root account and links them to the code's student. */
export async function registerObserver(
  input: RegistrationInput,
): Promise<{ userId: number; student: UserJson; rootAccountId: number }> {
  const account = await getDomainRootAccount(input.host);
  assertObserverRegistrationOpen(account);
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = zodFieldErrors(parsed.error.issues);
    throw new AppError("bad_request", Object.values(fieldErrors)[0][0], { fieldErrors });
  }
  const data = parsed.data;
  const method = input.method ?? "self_registration";
  // The code is checked before the email, so the form cannot be used to find out which emails
  // have accounts without a valid code (and a wrong code counts as a guess). "Already exists" also
  // keeps its place in the counters: with one valid code, emails could otherwise be tried for free.
  const code = await throttledAttempt(
    guessLimits({ ip: input.ip, login: data.unique_id, schools: [account.id] }),
    async (attempt) => {
      const found = await findActiveCode(data.pairing_code);
      const studentAccounts = found ? await loginRootAccountIds(found.studentId) : [];
      // A code registers only in the school it was made for (see redeemCodeInTx).
      if (!found || found.rootAccountId !== account.id || !studentAccounts.includes(account.id)) {
        attempt.fail();
        await recordAudit(db, {
          action: "code.failed",
          rootAccountId: account.id,
          subjectId: found?.rootAccountId === account.id ? found.studentId : null,
          method,
          ip: input.ip,
          data: { reason: "self-registration with an invalid code" },
        });
        throw invalidCode();
      }
      const existing = await db.login.findFirst({
        where: { rootAccountId: account.id, uniqueIdNormalized: data.unique_id },
        select: { id: true },
      });
      if (existing) {
        // The same answer as a wrong code (else a student's own code tests whether any email has
        // an account); the owner is told instead, by email, how to add the student.
        attempt.fail();
        await tellOwnerOfTakenEmail(existing.id, account, input.ip);
        throw invalidCode();
      }
      return found;
    },
    { challenge: input.challenge, audit: { rootAccountId: account.id, method, ip: input.ip } },
  );

  try {
    const result = await db.$transaction(async (tx) => {
      const user = await createUserWithLogin(
        { name: data.name, uniqueId: data.unique_id, rootAccountId: account.id, password: data.password },
        tx,
      );
      // Anyone can register with any address: unverified until the welcome email's link is opened.
      await tx.user.update({
        where: { id: user.id },
        data: { selfRegistered: true, locale: isLocale(input.locale) ? input.locale : null },
      });
      const redeemed = await redeemCodeInTx(tx, {
        code,
        observerId: user.id,
        allowed: [account.id],
        actorId: user.id,
        method,
        ip: input.ip,
        people: await linkPeople(tx, code.studentId, user.id),
      });
      if (!redeemed) throw invalidCode();
      await recordAudit(tx, {
        action: "user.registered",
        actorId: user.id,
        subjectId: code.studentId,
        targetId: user.id,
        rootAccountId: account.id,
        method,
        ip: input.ip,
      });
      const student = await tx.user.findUniqueOrThrow({
        where: { id: code.studentId },
        select: userJsonSelect,
      });
      const login = await tx.login.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } });
      await queueVerificationInTx(tx, {
        loginId: login.id,
        to: data.unique_id,
        rootAccountId: account.id,
        email: welcomeEmail({
          name: data.name,
          studentName: student.name,
          schoolName: account.name,
          login: data.unique_id,
          signInUrl: await signInUrl(account.id, tx),
          locale: recipientLocale(input.locale, account.defaultLocale),
        }),
      });
      return { userId: user.id, student: toUserJson(student), rootAccountId: account.id };
    });
    deliverSoon();
    return result;
  } catch (err) {
    // Two sign-ups with one email at once: the unique index decides, the loser changes nothing.
    if (fromPrismaError(err)?.code === "conflict") throw loginTaken();
    throw err;
  }
}
