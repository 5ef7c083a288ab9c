// A school ready for bulk imports: an admin and students with SIS ids, enrolled or not.
import { createSisImport, getSisImport, type NewImport } from "../../lib/imports/imports.ts";
import { runSisImport } from "../../lib/imports/run.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { actorFor, makeAdmin, makeCourse, makeRootAccount, makeUser, uid } from "./factory.ts";

export async function importSchool(opts: { students?: number; unenrolled?: number } = {}) {
  const account = await makeRootAccount();
  const admin = await makeAdmin(account.id);
  const course = await makeCourse(account.id);
  const tag = uid();
  const students = [];
  for (let i = 0; i < (opts.students ?? 3); i++) {
    const s = await makeUser(account.id, { name: `Kid${i} ${tag}`, sisUserId: `S${i}-${tag}` });
    await enrollUser({ courseId: course.id, userId: s.id, type: "student" });
    students.push({ ...s, sis: `S${i}-${tag}` });
  }
  const unenrolled = [];
  for (let i = 0; i < (opts.unenrolled ?? 0); i++) {
    const s = await makeUser(account.id, { sisUserId: `U${i}-${tag}` });
    unenrolled.push({ ...s, sis: `U${i}-${tag}` });
  }
  return { account, admin, adminActor: actorFor(admin, account.id), course, students, unenrolled, tag };
}

export const csvFile = (name: string, lines: string[]) => ({
  name,
  data: new TextEncoder().encode(lines.join("\n") + "\n"),
});

/** Stages the files and applies them here (as the CLI does), returning the finished import. */
export async function importNow(
  school: Pick<Awaited<ReturnType<typeof importSchool>>, "account" | "adminActor">,
  files: { name: string; data: Uint8Array }[],
  opts: Partial<
    Pick<NewImport, "dryRun" | "skipDeletes" | "charset" | "diffing" | "oneRosterStudentId">
  > = {},
) {
  const created = await createSisImport(school.adminActor, {
    accountId: school.account.id,
    files,
    origin: "http://school.test",
    enqueue: false,
    ...opts,
  });
  await runSisImport(created.id);
  return getSisImport(school.adminActor, { accountId: school.account.id, importId: created.id });
}
