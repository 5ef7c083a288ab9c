// The one rule about parent/guardian self-registration. Pairing codes exist so that parents can
// register or link themselves: where a school has turned self-registration off, codes can be
// neither made nor used to register there (Canvas only hides the button; we refuse).
import { AppError } from "../platform/errors.ts";
import type { SelfRegistration } from "../platform/generated/prisma/enums.ts";

type School = { name: string; selfRegistration: SelfRegistration };

export function observerRegistrationOpen(school: School): boolean {
  return school.selfRegistration !== "none";
}

/** The one wording, for pages that explain instead of offering a button that would fail. */
export function observerRegistrationClosedMessage(school: { name: string }): string {
  return `${school.name} has not turned on parent and guardian registration, so pairing codes cannot be used there. Ask your school to link parents and guardians to students.`;
}

export function assertObserverRegistrationOpen(school: School): void {
  if (!observerRegistrationOpen(school))
    throw new AppError("forbidden", observerRegistrationClosedMessage(school));
}
