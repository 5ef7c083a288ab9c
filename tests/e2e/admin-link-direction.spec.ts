// Issue 11, item 8: the link form starts in the direction that fits the user, and making a
// student an observer takes an explicit confirmation.
import { test, expect } from "./fixtures.ts";
import { defaultRootAccount, makeAdmin, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { checkPage } from "./axe.ts";
import { signIn } from "./helpers.ts";

test("on a student's page the form adds an observer of the student; a student as observer needs confirming", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const tag = uid();
  const student = await makeStudent(account.id, { name: `Lia Student ${tag}` });
  const classmate = await makeStudent(account.id, { name: `Max Classmate ${tag}` });
  const parent = await makeUser(account.id, { name: `Pam Parent ${tag}` });
  await signIn(page, admin.login);

  await page.goto(`/admin/users/${parent.id}`);
  await expect(page.getByRole("radio", { name: `${parent.name} observes a student` })).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Student" })).toBeVisible();

  await page.goto(`/admin/users/${student.id}`);
  await expect(page.getByRole("radio", { name: `Add an observer of ${student.name}` })).toBeChecked();
  const picker = page.getByRole("combobox", { name: "Observer" });
  await picker.fill(`Classmate ${tag}`);
  await expect(page.getByRole("option", { name: new RegExp(classmate.name) })).toBeVisible();
  await picker.press("ArrowDown");
  await picker.press("Enter");
  await page.getByRole("button", { name: "Link", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "enrolled" })).toContainText(
    `${classmate.name} is enrolled as a student.`,
  );
  const confirm = page.getByRole("checkbox", { name: /Yes, make this student an observer/ });
  await expect(page.getByText(`Nobody observes ${student.name}.`)).toBeVisible();
  await checkPage(page, "admin-link-confirm-student-observer");
  await confirm.check();
  await expect(picker).toHaveValue(classmate.name);
  await page.getByRole("button", { name: "Link", exact: true }).click();
  await expect(page.getByText(`Linked. The observer now follows ${student.name}.`)).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Observed by" }).getByRole("link", { name: classmate.name }),
  ).toBeVisible();
});
