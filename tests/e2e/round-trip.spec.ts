import { expect, test } from "@playwright/test";
import { defaultRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { cliToken, signIn, signOut } from "./helpers.ts";

test("student generates a code, parent enters it, the API lists the student", async ({ page, request }) => {
  const account = await defaultRootAccount();
  const student = await makeStudent(account.id, { name: `Casey ${uid()}`, courses: 2 });
  const parent = await makeUser(account.id, { name: `Parent ${uid()}` });

  await signIn(page, student.login);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Pair with Observer" }).click();
  const codeText = (await page.getByLabel("Pairing code").textContent())?.trim() ?? "";
  expect(codeText).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  await expect(page.getByText(/It works once and expires/)).toBeVisible();
  await signOut(page);

  await signIn(page, parent.login);
  await page.goto("/observing");
  await expect(page.getByText("You are not observing any students yet")).toBeVisible();
  // Typed the way a parent might: lower case, no hyphen.
  await page.getByLabel("Student pairing code").fill(codeText.replace("-", "").toLowerCase());
  await page.getByRole("button", { name: "Add student" }).click();
  await expect(page.getByText(`You are now observing ${student.name}.`)).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Students you observe" }).getByText(student.name),
  ).toBeVisible();

  // The same code again is refused, with the message next to the field.
  await page.getByLabel("Student pairing code").fill(codeText);
  await page.getByRole("button", { name: "Add student" }).click();
  await expect(page.getByText("Invalid pairing code.")).toBeVisible();

  const token = cliToken(parent.login);
  expect(token).toMatch(/^opk_[A-Za-z0-9_-]{43}$/);
  const res = await request.get("/api/v1/users/self/observees", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toEqual([
    expect.objectContaining({
      id: student.id,
      name: student.name,
      observation_link_root_account_ids: [account.id],
    }),
  ]);
});

test("a wrong password keeps the email and says what went wrong", async ({ page }) => {
  const account = await defaultRootAccount();
  const user = await makeUser(account.id);
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.login);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account here.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(user.login);
});
