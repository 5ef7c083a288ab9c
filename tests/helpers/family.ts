// A student and a parent in one new school, for the tests of lib/'s pairing and link functions.
import { createPairingCode, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { actorFor, makeRootAccount, makeStudent, makeUser } from "./factory.ts";

/** A root account, a student enrolled in `courses` of its courses, and a parent, with their actors. */
export async function family(opts: { courses?: number } = {}) {
  const account = await makeRootAccount();
  const student = await makeStudent(account.id, { courses: opts.courses });
  const parent = await makeUser(account.id);
  return {
    account,
    student,
    parent,
    studentActor: actorFor(student, account.id),
    parentActor: actorFor(parent, account.id),
  };
}

/** The same, the parent already observing the student through a pairing code the student made. */
export async function pairedFamily(opts: { courses?: number } = {}) {
  const f = await family(opts);
  const { code } = await createPairingCode(f.studentActor, { studentId: f.student.id });
  await redeemPairingCode(f.parentActor, { observerId: f.parent.id, code });
  return f;
}
