import "server-only";
// Finding the code that was typed: for registration, the code alone; for a redemption, the code
// with everything that decides it, in the one statement run once the guess is counted.
import { db } from "../platform/db.ts";
import { Prisma } from "../platform/generated/prisma/client.ts";
import type { AdminScope } from "../accounts/admin-scope.ts";
import { env } from "../platform/env.ts";
import type { LinkPeople } from "../observer-links/core.ts";
import type { toUserJson } from "../users/index.ts";
import { digestCode, normalizeCode } from "./format.ts";
import { staffOverStudentSql } from "./staff.ts";

export type ActiveCode = { id: number; studentId: number; rootAccountId: number; createdById: number };

/** The digest an active code typed like this is stored under; null when it cannot be a code. */
function typedCodeDigest(typed: string): string | null {
  const normalized = normalizeCode(typed);
  return normalized ? digestCode(env().PAIRING_CODE_KEY, normalized) : null;
}

/** The active, unexpired code matching what was typed, or null. */
export async function findActiveCode(typed: string): Promise<ActiveCode | null> {
  const digest = typedCodeDigest(typed);
  if (!digest) return null;
  return db.pairingCode.findFirst({
    where: { digest, workflowState: "active", expiresAt: { gt: new Date() } },
    select: { id: true, studentId: true, rootAccountId: true, createdById: true },
  });
}

export type CodeToRedeem = ActiveCode & {
  /** Root accounts where the student holds an active login. */
  studentSchools: number[];
  /** Is the observer staff over the student in the code's school (lib/pairing-codes/staff.ts)? */
  staffOverStudent: boolean;
  /** The student, for the answer (Canvas's User JSON). */
  student: Parameters<typeof toUserJson>[0];
  /** Who the notice of a new link names, and where it is emailed. */
  people: LinkPeople;
};

type Row = ActiveCode &
  CodeToRedeem["student"] & {
    studentSchools: number[];
    staffOverStudent: boolean;
    email: string | null;
    observerName: string;
  };

/** The active code typed, with what decides whether `observerId` may redeem it, or null. */
export async function findCodeToRedeem(
  typed: string,
  observerId: number,
  observerScope: AdminScope,
): Promise<CodeToRedeem | null> {
  const digest = typedCodeDigest(typed);
  if (!digest) return null;
  const reach = {
    studentId: Prisma.sql`pc.student_id`,
    rootAccountId: Prisma.sql`pc.root_account_id`,
    teachersMayGenerateCodes: Prisma.sql`a.teachers_may_generate_codes`,
  };
  const [row] = await db.$queryRaw<Row[]>`
    SELECT pc.id, pc.student_id AS "studentId", pc.root_account_id AS "rootAccountId",
           pc.created_by_id AS "createdById",
           ARRAY(SELECT l.root_account_id FROM logins l
                  WHERE l.user_id = pc.student_id AND l.workflow_state = 'active') AS "studentSchools",
           ${staffOverStudentSql(observerId, observerScope, reach)} AS "staffOverStudent",
           s.name, s.created_at AS "createdAt", s.sortable_name AS "sortableName", s.short_name AS "shortName",
           s.avatar_url AS "avatarUrl", s.email, o.name AS "observerName"
      FROM pairing_codes pc
      JOIN accounts a ON a.id = pc.root_account_id
      JOIN users s ON s.id = pc.student_id
      JOIN users o ON o.id = ${observerId}::int
     WHERE pc.digest = ${digest} AND pc.workflow_state = 'active' AND pc.expires_at > ${new Date()}::timestamp(3)`;
  if (!row) return null;
  const { name, createdAt, sortableName, shortName, avatarUrl, email, observerName, ...code } = row;
  return {
    ...code,
    student: { id: code.studentId, name, createdAt, sortableName, shortName, avatarUrl },
    people: { studentName: name, studentEmail: email, observerName },
  };
}
