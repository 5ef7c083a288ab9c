// What role a person has in a school, derived from what they hold there — the one rule for the
// admin users table's role column and its role filter (both use these `where`s, so a row never
// shows a role its filter would not find).
import "server-only";
import { db } from "../platform/db.ts";
import type { Prisma } from "../platform/generated/prisma/client.ts";
import { liveCourse, liveEnrollment } from "../platform/live-states.ts";

export const USER_ROLES = ["student", "observer", "teacher", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const ROLE_WORDS: Record<UserRole, string> = {
  student: "Student",
  observer: "Observer",
  teacher: "Teacher",
  admin: "Admin",
};

/**
 * Who holds `role` in one of `rootAccountIds` (or anywhere): a student or teacher (or TA) by a current
 * enrollment in a running course; an observer by an active observation link or a current observer
 * enrollment; an admin by an active admin role on the root account or one of its sub-accounts.
 */
export function roleWhere(role: UserRole, rootAccountIds: number[] | "any"): Prisma.UserWhereInput {
  const inSchools = rootAccountIds === "any" ? {} : { rootAccountId: { in: rootAccountIds } };
  const enrolledAs = (types: ("student" | "teacher" | "ta" | "observer")[]) => ({
    enrollments: { some: { type: { in: types }, ...inSchools, ...liveEnrollment, course: liveCourse } },
  });
  switch (role) {
    case "student":
      return enrolledAs(["student"]);
    case "teacher":
      return enrolledAs(["teacher", "ta"]);
    case "observer":
      return {
        OR: [
          { observeesLinks: { some: { workflowState: "active", ...inSchools } } },
          enrolledAs(["observer"]),
        ],
      };
    case "admin":
      return {
        adminRoles: {
          some: {
            workflowState: "active",
            account:
              rootAccountIds === "any"
                ? { workflowState: "active" }
                : {
                    workflowState: "active",
                    OR: [{ id: { in: rootAccountIds } }, { rootAccountId: { in: rootAccountIds } }],
                  },
          },
        },
      };
  }
}

/** Each user's roles in those root accounts (in USER_ROLES order), by the same rule as roleWhere. */
export async function rolesOfUsers(
  userIds: number[],
  rootAccountIds: number[],
): Promise<Map<number, UserRole[]>> {
  const roles = new Map<number, UserRole[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return roles;
  const holders = await Promise.all(
    USER_ROLES.map((role) =>
      db.user.findMany({
        where: { id: { in: userIds }, ...roleWhere(role, rootAccountIds) },
        select: { id: true },
      }),
    ),
  );
  USER_ROLES.forEach((role, i) => holders[i].forEach((u) => roles.get(u.id)!.push(role)));
  return roles;
}

/** Does the user hold this role (in those root accounts, or anywhere)? */
export async function hasRole(
  userId: number,
  role: UserRole,
  rootAccountIds: number[] | "any" = "any",
): Promise<boolean> {
  return (await db.user.count({ where: { id: userId, ...roleWhere(role, rootAccountIds) } })) > 0;
}
