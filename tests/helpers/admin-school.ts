// A school as the admin pages see it: a root account with a sub-account, their admins, and a
// student inside the sub-account and one outside it.
import { pageRequest } from "../../lib/platform/pagination.ts";
import { createSubAccount, makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { actorFor, makeAdmin, makeCourse, makeRootAccount, makeStudent, makeUser, uid } from "./factory.ts";

/** The first page of 50, as the admin pages ask for. */
export const adminPage = pageRequest({ per_page: 50 });

/** Reads a CSV whose values hold no commas or quotes (as in these tests) with a plain split. */
export function parseCsv(csv: string): Record<string, string>[] {
  const [head, ...lines] = csv.trim().split("\n");
  const keys = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i], v])));
}

export async function adminSchool() {
  const account = await makeRootAccount();
  const sub = await createSubAccount({ name: `Sub ${uid()}`, parentId: account.id });
  const admin = await makeAdmin(account.id);
  const subAdmin = await makeUser(account.id, { name: `Sub Admin ${uid()}` });
  await makeAccountAdmin({ accountId: sub.id, userId: subAdmin.id });
  const subCourse = await makeCourse(sub.id);
  const inSub = await makeStudent(account.id, { name: `In Sub ${uid()}` });
  await enrollUser({ courseId: subCourse.id, userId: inSub.id, type: "student" });
  const outside = await makeStudent(account.id, { name: `Outside ${uid()}` });
  return {
    account,
    sub,
    admin,
    subAdmin,
    subCourse,
    inSub,
    outside,
    as: (u: { id: number; name: string }) => actorFor(u, account.id),
  };
}
