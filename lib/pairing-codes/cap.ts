import "server-only";
// The cap of five active codes per student, and what happens at it. A code may be printed or sent
// home, so the UI never revokes one silently: at the cap it refuses and the student (or staff)
// chooses which code to revoke. Canvas's API clients cannot choose, so the REST API asks for the
// oldest to go (Canvas itself has no cap at all); bulk downloads only when the teacher ticks it.
import type { Tx } from "../platform/db.ts";
import { AppError, fieldError } from "../platform/errors.ts";

export const MAX_ACTIVE_CODES = 5;

/** At the cap: refuse (the default), revoke the oldest, or revoke the one chosen. */
export type WhenFull = "refuse" | "revoke-oldest";
export type CapChoice = { whenFull?: WhenFull; replaceCodeId?: number };

export const REPLACE_FIELD = "replace_code_id";

/** The refusal at the cap, worded for the student themself or for staff. */
export function codesFullError(self: boolean): AppError {
  const who = self ? "You already have" : "This student already has";
  return fieldError(REPLACE_FIELD, `Choose a code to revoke: ${MAX_ACTIVE_CODES} is the most there can be.`, {
    code: "conflict",
    summary: `${who} ${MAX_ACTIVE_CODES} active pairing codes. Choose one to revoke to make a new one — a code that was printed or sent home stops working when it is revoked.`,
  });
}

export const replacedCodeGone = () =>
  fieldError(REPLACE_FIELD, "That code is no longer active: choose another, or make the new code now.", {
    code: "conflict",
  });

/**
 * The student's active codes to revoke so a new one fits, in the caller's transaction (after the
 * student's row is locked): the chosen one, or at the cap the oldest (revoke-oldest) or a refusal.
 */
export async function codesToRevokeInTx(
  tx: Tx,
  input: { studentId: number; self: boolean } & CapChoice,
): Promise<number[]> {
  const active = await tx.pairingCode.findMany({
    where: { studentId: input.studentId, workflowState: "active", expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  if (input.replaceCodeId !== undefined) {
    if (!active.some((c) => c.id === input.replaceCodeId)) throw replacedCodeGone();
    return [input.replaceCodeId];
  }
  const over = active.slice(MAX_ACTIVE_CODES - 1).map((c) => c.id);
  if (over.length && input.whenFull !== "revoke-oldest") throw codesFullError(input.self);
  return over;
}

/** Of these students, the ones at the cap (for a bulk refusal that names them). */
export async function studentsAtCap(tx: Tx, studentIds: number[]): Promise<number[]> {
  const counts = await tx.pairingCode.groupBy({
    by: ["studentId"],
    where: { studentId: { in: studentIds }, workflowState: "active", expiresAt: { gt: new Date() } },
    _count: { _all: true },
  });
  return counts.filter((c) => c._count._all >= MAX_ACTIVE_CODES).map((c) => c.studentId);
}

/** The bulk refusal: who is at the cap, by name. */
export function studentsFullError(names: string[]): AppError {
  const shown = names.slice(0, 10).join(", ") + (names.length > 10 ? ` and ${names.length - 10} more` : "");
  return new AppError(
    "conflict",
    `${names.length === 1 ? "1 student already has" : `${names.length} students already have`} ${MAX_ACTIVE_CODES} active pairing codes: ${shown}. Revoke one of theirs on their user page, or tick "revoke their oldest code" to make the codes anyway.`,
  );
}
