import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { listObserveesWithCourses, listObserverLinks } from "../../lib/observer-links/index.ts";
import { actorFor, makeRootAccount } from "../helpers/factory.ts";
import { pairedFamily } from "../helpers/family.ts";

describe("observer links on the pages", () => {
  it("lists for the pages: my observers (how and since when) and observees with their courses", async () => {
    const { account, student, parent, parentActor, studentActor } = await pairedFamily({ courses: 2 });
    const links = await listObserverLinks(studentActor, { studentId: student.id });
    expect(links).toEqual([
      expect.objectContaining({
        observer: { id: parent.id, name: parent.name },
        rootAccountId: account.id,
        method: "code",
        studentMayRemove: false,
      }),
    ]);
    const observees = await listObserveesWithCourses(parentActor, { observerId: parent.id });
    expect(observees).toHaveLength(1);
    expect(observees[0].courses.map((c) => c.id).sort()).toEqual(student.courses.map((c) => c.id).sort());
    // On another school's site the page lists that school's students only.
    const elsewhere = await makeRootAccount();
    expect(await listObserveesWithCourses(actorFor(parent, elsewhere.id), { observerId: parent.id })).toEqual(
      [],
    );
    // The student was told, in the app and by email.
    const notes = await db.notification.findMany({
      where: { userId: student.id },
      select: { subject: true },
    });
    expect(notes).toEqual([{ subject: `${parent.name} now observes your account` }]);
    expect(await db.outboxEmail.count({ where: { to: student.login } })).toBe(1);
  });
});
