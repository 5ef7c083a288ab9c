import "server-only";
// Registering with an email that already has an account answers as a wrong code does (the form
// must not tell anyone which emails have accounts); the account's owner gets an email instead,
// saying how to add the student to the account they have. At most one an hour per login, so the
// form cannot be used to flood an inbox.
import { db } from "../platform/db.ts";
import { recordAudit } from "../audit/events.ts";
import { deliverSoon, queueEmailInTx } from "../mail/outbox.ts";
import { plainTextName } from "../mail/texts.ts";
import { recipientLocale } from "../platform/locales.ts";
import { translator } from "../platform/messages.ts";
import { schoolOrigin } from "../accounts/origin.ts";
import { emailOf } from "../identity/provisioning.ts";
import { firstUse } from "../identity/throttle/counters.ts";

const HOUR_MS = 60 * 60 * 1000;

export function registrationTakenEmail(input: {
  name: string;
  schoolName: string;
  origin: string;
  locale?: string | null;
}) {
  const t = translator(input.locale);
  const school = input.schoolName;
  return {
    subject: t("Emails.takenSubject", { school }),
    text: `${t("Emails.greeting", { name: plainTextName(input.name) })}\n\n${t("Emails.takenBody", { school, origin: input.origin })}\n`,
  };
}

export async function tellOwnerOfTakenEmail(
  loginId: number,
  account: { id: number; name: string; defaultLocale?: string },
  ip: string | null,
): Promise<void> {
  const until = new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS);
  if (!(await firstUse(`register-taken:${loginId}`, until))) return;
  const login = await db.login.findUnique({
    where: { id: loginId },
    select: {
      uniqueId: true,
      userId: true,
      user: { select: { name: true, email: true, workflowState: true, locale: true } },
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
      ...registrationTakenEmail({
        name: login.user.name,
        schoolName: account.name,
        origin,
        locale: recipientLocale(login.user.locale, account.defaultLocale),
      }),
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
