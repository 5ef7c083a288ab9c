import { db } from "../../lib/platform/db.ts";
import { createPairingCode } from "../../lib/pairing-codes/index.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import type { SelfRegistration } from "../../lib/platform/generated/prisma/enums.ts";
import { actorFor, makeStudent, uid } from "./factory.ts";
import { GUESS_LIMITS } from "../../lib/identity/throttle/index.ts";
import { solveChallenge, type Challenge } from "../../lib/identity/throttle/challenge-solve.ts";

/** Spends a school's guessing budget for the current window, as ~500 wrong guesses would. */
export async function spendSchoolBudget(rootAccountId: number, count: number = GUESS_LIMITS.school.max) {
  const ms = GUESS_LIMITS.school.windowSeconds * 1000;
  const start = new Date(Math.floor(Date.now() / ms) * ms).toISOString();
  await db.$executeRaw`
    INSERT INTO rate_limit_counters (key, window_start, count)
    VALUES (${`guess:school:${rootAccountId}`}, ${start}::timestamp(3), ${count})
    ON CONFLICT (key, window_start) DO UPDATE SET count = ${count}`;
}

/** What a client does with a 429's challenge (the `challenge` parameter's description in /api/docs). */
export function solve(challenge: Challenge | undefined): Promise<string> {
  if (!challenge) throw new Error("expected a challenge");
  return solveChallenge(challenge);
}

/** A school on its own domain with a student and one of their codes, for registering through. */
export async function registrationSchool(selfRegistration: SelfRegistration = "observers") {
  const domain = `reg-${uid()}.test`;
  const account = await createRootAccount({ name: `Reg ${domain}`, domain, selfRegistration });
  const student = await makeStudent(account.id);
  const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
  return { account, domain, student, code };
}

/** The registration form's fields, filled in as a parent would. */
export const registrationForm = (code: string, email = `parent-${uid()}@test.example`) => ({
  name: "Jamie Parent",
  unique_id: email,
  password: "a-good-passphrase",
  pairing_code: code,
});
