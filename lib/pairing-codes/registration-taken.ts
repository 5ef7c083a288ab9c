import "server-only";
// Registering with an email that already has an account answers as a wrong code does (the form
// must not tell anyone which emails have accounts); the account's owner gets an email instead,
// saying how to add the student to the account they have. At most one an hour per login, so the
// form cannot be used to flood an inbox.
import { db } from "../platform/db.ts";
import { recordAudit } from "../audit/events.ts";
import { deliverSoon, queueEmailInTx } from "../mail/outbox.ts";
import { plainTextName } from "../mail/texts.ts";
import { schoolOrigin } from "../accounts/origin.ts";
import { emailOf } from "../identity/provisioning.ts";
import { firstUse } from "../identity/throttle/counters.ts";

const HOUR_MS = 60 * 60 * 1000;

export function registrationTakenEmail(input: { name: string; schoolName: string; origin: string }) {
  const { schoolName, origin } = input;
  return {
    subject: `Someone tried to create a ${schoolName} account with your email`,
    text: `Hello ${plainTextName(input.name)},\n\nSomeone (we hope you) tried to create a parent account at ${schoolName} with this email address, which already has an account. No new account was made.\n\nIf it was you: sign in at ${origin}/login and enter the student's pairing code on the Observing page. Forgot your password? Choose a new one at ${origin}/forgot-password.\n\nIf it was not you, ignore this email: nothing changed.\n`,
  };
}

export async function tellOwnerOfTakenEmail(
  loginId: number,
  account: { id: number; name: string },
  ip: string | null,
): Promise<void> {
  const until = new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS);
  if (!(await firstUse(`register-taken:${loginId}`, until))) return;
  const login = await db.login.findUnique({
    where: { id: loginId },
    select: {
      uniqueId: true,
      userId: true,
      user: { select: { name: true, email: true, workflowState: true } },
    },
  });
  const to =
    login && login.user.workflowState === "active"
      ? emailOf({ email: login.user.email, uniqueId: login.uniqueId })
      : null;
  if (!login || !to) return;
  const origin = await schoolOrigin(account.id);
  await db.$transaction(async (tx) => {
    await queueEmailInTx(tx, {
      to,
      rootAccountId: account.id,
      ...registrationTakenEmail({ name: login.user.name, schoolName: account.name, origin }),
    });
    await recordAudit(tx, {
      action: "login.registration_refused",
      subjectId: login.userId,
      rootAccountId: account.id,
      method: "self_registration",
      ip,
      data: { loginId },
    });
  });
  deliverSoon();
}
