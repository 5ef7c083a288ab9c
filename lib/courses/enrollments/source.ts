import "server-only";
// Who made an enrollment, kept on it (`source`, `created_by_id`): staff below the root may make a
// student's pairing codes only through enrollments that did not come from themselves or their
// peers (lib/pairing-codes/staff.ts), so this is read from the row, never from the audit log.
import type { Actor } from "../../accounts/actor.ts";
import { getAdminScope } from "../../accounts/admin-scope.ts";
import type { EnrollmentSource } from "../../platform/generated/prisma/client.ts";

/** The source and maker of an enrollment `actor` makes in a course of `rootAccountId`; `admin`: they administer its account. */
export async function enrollmentMadeBy(
  actor: Actor,
  course: { rootAccountId: number },
  admin: boolean,
): Promise<{ source: EnrollmentSource; createdById: number }> {
  const { rootAccountIds } = await getAdminScope(actor.userId);
  const source: EnrollmentSource = rootAccountIds.includes(course.rootAccountId)
    ? "root_admin"
    : admin
      ? "sub_account_admin"
      : "teacher";
  return { source, createdById: actor.userId };
}
