import { test, expect } from "./fixtures.ts";
import {
  actorFor,
  makeAdmin,
  makeCourse,
  makeStudent,
  makeUser,
  TEST_PASSWORD,
  uid,
} from "../helpers/factory.ts";
import { checkPage } from "./axe.ts";
import { setDefaultAccountSettings, signIn, tabTo } from "./helpers.ts";

// A teacher links a parent to one student in one course from the course's People page, with the
// keyboard alone on a phone-sized screen; the parent then sees that course and no other, asks for
// another, and sees both once that course's teacher approves.
// The story signs in four times and checks five pages at two widths: minutes on a shared machine.
test.describe.configure({ timeout: 300_000 });

test("a teacher links a new observer in one course; the observer sees only it, asks for another, that course's teacher approves, and they see both", async ({
  page,
}) => {
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  const { db } = await import("../../lib/platform/db.ts");
  const { hashPassword } = await import("../../lib/identity/passwords.ts");
  const account = await setDefaultAccountSettings({ teachersMayLinkObservers: true });
  const tag = uid();
  const course = await makeCourse(account.id, `Biology ${tag}`);
  const teacher = await makeUser(account.id, { name: `Tara Teach ${tag}` });
  await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });
  // The student has another course, which the new observer must not see.
  const student = await makeStudent(account.id, { name: `Sam Pupil ${tag}` });
  const classmate = await makeStudent(account.id, { name: `Cal Mate ${tag}` });
  for (const s of [student, classmate])
    await enrollUser({ courseId: course.id, userId: s.id, type: "student" });
  const otherCourse = student.courses[0];

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(teacher.login);
  await page.keyboard.press("Tab");
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await tabTo(page, page.getByRole("link", { name: "Courses" }));
  await page.keyboard.press("Enter");
  // The codes list or the teaching landing, depending on the school's code setting: both link here.
  const people = page.getByRole("link", {
    name: new RegExp(`People of ${course.name}|${course.name}\\s*: people`),
  });
  await tabTo(page, people);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `${course.name}: people` })).toBeVisible();
  await checkPage(page, "course-people");
  await page.setViewportSize({ width: 390, height: 844 });

  const email = `pat.parent.${tag}@example.test`;
  await tabTo(page, page.getByLabel("Observer's email"));
  await page.keyboard.type(email);
  await tabTo(page, page.getByRole("checkbox", { name: student.name }));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: "Add observer" }));
  await page.keyboard.press("Enter"); // unknown email without a name: the form asks for one
  await expect(page.getByLabel("Their name (a new account)")).toHaveAccessibleDescription(
    /Nobody at this school uses this email yet/,
  );
  await expect(page.getByRole("checkbox", { name: student.name })).toBeChecked();
  await tabTo(page, page.getByLabel("Their name (a new account)"));
  await page.keyboard.type(`Pat Parent ${tag}`);
  await tabTo(page, page.getByRole("button", { name: "Add observer" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText(`Pat Parent ${tag} now observes in this course.`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: student.name });
  await expect(row).toContainText(`Pat Parent ${tag}`);
  await expect(row).toContainText("This course only");
  await expect(page.getByRole("row").filter({ hasText: classmate.name })).toContainText("No observers");
  await checkPage(page, "course-people-linked");

  // The parent sets a password (the emailed link is covered elsewhere) and signs in.
  const parent = await db.user.findFirstOrThrow({ where: { email }, select: { id: true } });
  await db.login.updateMany({
    where: { userId: parent.id },
    data: { passwordHash: await hashPassword(TEST_PASSWORD) },
  });
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, email);
  await page.goto("/observing");
  const courses = page.getByRole("list", { name: `Courses of ${student.name}` });
  await expect(courses.getByText(course.name)).toBeVisible();
  await expect(courses).toContainText(`taught by ${teacher.name}`);
  await expect(page.getByText(otherCourse.name)).toHaveCount(0);
  await expect(page.getByText("You observe them in these courses only.")).toBeVisible();
  await expect(page.getByRole("button", { name: `Unlink ${student.name}` })).toHaveCount(0);
  await checkPage(page, "observing-one-course");

  // They ask for another course, naming it in their note (the page never names it).
  await page.getByLabel(`Note for the school about ${student.name} (optional)`).fill("Art with Mr Bell");
  await page.getByRole("button", { name: `Ask to observe ${student.name} in another course` }).click();
  // The page now says the request waits (the form is gone: one open request at a time).
  await expect(
    page.getByText(new RegExp(`^Sent .*: you asked to observe ${student.name} in another course\\.`)),
  ).toBeVisible();
  await expect(
    page.getByRole("button", { name: `Ask to observe ${student.name} in another course` }),
  ).toHaveCount(0);
  await checkPage(page, "observing-request-sent");

  // The other course's teacher approves it in one step on that course's People page.
  const otherTeacher = await makeUser(account.id, { name: `Ola Teach ${tag}` });
  await enrollUser({ courseId: otherCourse.id, userId: otherTeacher.id, type: "teacher" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, otherTeacher.login);
  await page.goto(`/courses/${otherCourse.id}/people`);
  const requests = page.getByRole("list", { name: "Requests to observe" });
  await expect(requests).toContainText(`Pat Parent ${tag} asks to observe ${student.name} in this course.`);
  await expect(requests).toContainText("Art with Mr Bell");
  await checkPage(page, "course-people-request");
  await requests.getByRole("button", { name: `Approve Pat Parent ${tag} for ${student.name}` }).click();
  await expect(
    page.getByText(`Approved: they now observe ${student.name} in ${otherCourse.name}. They have been told.`),
  ).toBeVisible();
  await expect(page.getByText("No observers are waiting for an answer.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: student.name })).toContainText(`Pat Parent ${tag}`);

  // The observer now sees both courses, and nothing is left to ask for.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, email);
  await page.goto("/observing");
  await expect(courses.getByText(course.name)).toBeVisible();
  await expect(courses.getByText(otherCourse.name)).toBeVisible();
  await expect(page.getByText("You observe them in all of their courses.")).toBeVisible();
});

test("an admin declines a request from the Admin area's queue; the observer is told", async ({ page }) => {
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  const { db } = await import("../../lib/platform/db.ts");
  const account = await setDefaultAccountSettings({ teachersMayLinkObservers: true });
  const tag = uid();
  const course = await makeCourse(account.id, `Music ${tag}`);
  const student = await makeStudent(account.id, { name: `Ivy Pupil ${tag}` });
  await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
  const parent = await makeUser(account.id, { name: `Rob Parent ${tag}` });
  const admin = await makeAdmin(account.id);
  const { addCourseObserver, requestAnotherCourse } = await import("../../lib/courses/index.ts");
  await addCourseObserver(actorFor(admin, account.id), {
    courseId: course.id,
    email: parent.login,
    studentIds: [student.id],
  });
  await requestAnotherCourse(actorFor(parent, account.id), { studentId: student.id, note: "Drama, please" });
  await signIn(page, admin.login);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Observer requests" }).click();
  await expect(page.getByRole("heading", { name: "Observer requests" })).toBeVisible();
  const requests = page.getByRole("list", { name: "Requests to observe" });
  await expect(requests).toContainText(`${parent.name} asks to observe ${student.name} in another course.`);
  await expect(requests.getByLabel(`Course for ${student.name}`)).toHaveValue(String(student.courses[0].id));
  await checkPage(page, "admin-observer-requests");
  await requests.getByRole("button", { name: `Decline ${parent.name} for ${student.name}` }).click();
  await expect(
    page.getByText(`Declined the request to observe ${student.name}. They have been told.`),
  ).toBeVisible();
  const told = await db.notification.findFirst({
    where: { userId: parent.id, kind: "observer_request_declined" },
    select: { subject: true },
  });
  expect(told?.subject).toBe(`Your request to observe ${student.name} in another course was declined`);
});

test("the teacher removes a course-level link after confirming; an all-courses link is not theirs to remove", async ({
  page,
}) => {
  const { enrollUser } = await import("../../lib/courses/provisioning.ts");
  const account = await setDefaultAccountSettings({ teachersMayLinkObservers: true });
  const tag = uid();
  const course = await makeCourse(account.id, `Chemistry ${tag}`);
  const teacher = await makeUser(account.id, { name: `Theo Teach ${tag}` });
  await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });
  const student = await makeStudent(account.id, { name: `Rae Pupil ${tag}` });
  await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
  const parent = await makeUser(account.id, { name: `Olu Parent ${tag}` });
  const guardian = await makeUser(account.id, { name: `Gia Guardian ${tag}` });
  const { linkObserveeByAdmin } = await import("../../lib/observer-links/index.ts");
  const admin = await makeAdmin(account.id);
  await linkObserveeByAdmin(actorFor(admin, account.id), { observerId: guardian.id, studentId: student.id });
  await signIn(page, teacher.login);
  await page.goto(`/courses/${course.id}/people`);
  await page.getByLabel("Observer's email").fill(parent.login);
  await page.getByRole("checkbox", { name: student.name }).check();
  await page.getByRole("button", { name: "Add observer" }).click();
  await expect(page.getByText(`${parent.name} now observes in this course.`)).toBeVisible();
  await page.getByRole("button", { name: `Remove ${parent.name} as observer of ${student.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Stop ${parent.name} observing ${student.name} here?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Remove observer" }).click();
  const row = page.getByRole("row").filter({ hasText: student.name });
  await expect(row).not.toContainText(parent.name);
  await expect(row).toContainText(`${guardian.name}All courses (linked by the school)`);
  await expect(page.getByRole("button", { name: new RegExp(`Remove ${guardian.name}`) })).toHaveCount(0);
});
