import QRCode from "qrcode";
import { test, expect } from "./fixtures.ts";
import { defaultRootAccount, makeStudent, uid } from "../helpers/factory.ts";
import { signIn, signOut } from "./helpers.ts";

// Journey 1: student makes a code → a new parent registers through the QR link → sees the
// student's courses → the student sees the observer and was notified.
test("a parent registers through the student's QR link", async ({ page }) => {
  const account = await defaultRootAccount();
  const student = await makeStudent(account.id, { name: `Quinn ${uid()}`, courses: 2 });

  await signIn(page, student.login);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Pair with Observer" }).click();
  const code = (await page.getByLabel("Pairing code", { exact: true }).textContent())?.trim() ?? "";
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  await expect(page.getByText(/left\)/)).toBeVisible();
  const link = (await page.getByRole("link", { name: "registration link" }).getAttribute("href")) ?? "";
  expect(link).toContain(`/register?code=${code}&account=${account.id}`);
  // The QR image encodes exactly that link.
  const qr = page.getByRole("img", { name: /QR code/ });
  const modules = (svg: string) => svg.match(/stroke="#000000" d="([^"]+)"/)?.[1];
  const expected = await QRCode.toString(link, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
  expect(modules(await qr.innerHTML())).toBe(modules(expected));
  await expect(page.getByRole("list", { name: "Active codes" }).getByRole("listitem")).toHaveCount(1);
  await signOut(page);

  const parentName = `Robin Parent ${uid()}`;
  const email = `robin-${uid()}@test.example`;
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Parent registration" })).toBeVisible();
  await expect(page.getByLabel("Student pairing code")).toHaveValue(code);
  await expect(page.getByText(/At least 10 characters/)).toBeVisible();
  await page.getByLabel("Your full name").fill(parentName);
  await page.getByLabel("Email").fill(email);
  // Too short first: the values stay, the password does not, the error sits by the field.
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Your full name")).toHaveValue(parentName);
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Student pairing code")).toHaveValue(code);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await page.getByLabel("Password").fill("a-long-enough-passphrase");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/observing\?added=/);
  await expect(page.getByText(`You are now observing ${student.name}.`)).toBeVisible();
  const students = page.getByRole("list", { name: "Students you observe" });
  await expect(students.getByText(student.name, { exact: true })).toBeVisible();
  for (const c of student.courses)
    await expect(
      page.getByRole("list", { name: `Courses of ${student.name}` }).getByText(c.name),
    ).toBeVisible();
  await signOut(page);

  await signIn(page, student.login);
  await page.goto("/settings");
  await expect(page.getByRole("list", { name: "My observers" }).getByText(parentName)).toBeVisible();
  await expect(page.getByText(/linked via QR code/)).toBeVisible();
  await expect(page.getByRole("link", { name: /Notifications.*1 new/ })).toBeVisible();
  await page.getByRole("link", { name: /Notifications/ }).click();
  await expect(
    page.getByRole("list", { name: "Notifications" }).getByText(`${parentName} now observes your account`),
  ).toBeVisible();
});

// Journey 2: a parent with an account adds a second student by code, then unlinks one.
test("a parent adds a second student by code and unlinks one", async ({ page }) => {
  const account = await defaultRootAccount();
  const { makeUser } = await import("../helpers/factory.ts");
  const { codeFor } = await import("./helpers.ts");
  const first = await makeStudent(account.id, { name: `Ash ${uid()}` });
  const second = await makeStudent(account.id, { name: `Blair ${uid()}` });
  const parent = await makeUser(account.id, { name: `Parent ${uid()}` });

  await signIn(page, parent.login);
  await page.goto("/observing");
  for (const s of [first, second]) {
    await page.getByLabel("Student pairing code").fill(await codeFor(s, account.id));
    await page.getByRole("button", { name: "Add student" }).click();
    await expect(page.getByText(`You are now observing ${s.name}.`)).toBeVisible();
  }
  const list = page.getByRole("list", { name: "Students you observe" });
  await expect(list.getByText(second.name, { exact: true })).toBeVisible();
  await expect(list.getByText(second.courses[0].name)).toBeVisible();

  await page.getByRole("button", { name: `Unlink ${first.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Stop observing ${first.name}?` });
  await expect(dialog).toBeVisible();
  // Cancel keeps the link; confirming removes it.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(list.getByText(first.name, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Unlink ${first.name}` }).click();
  await dialog.getByRole("button", { name: "Unlink" }).click();
  await expect(list.getByText(first.name, { exact: true })).toHaveCount(0);
  await expect(list.getByText(second.name, { exact: true })).toBeVisible();
});

// Journey 5: wrong codes until throttled; the page says when to try again.
test("wrong codes until throttled, with the retry time", async ({ page }) => {
  const account = await defaultRootAccount();
  const { makeUser } = await import("../helpers/factory.ts");
  const parent = await makeUser(account.id);
  await signIn(page, parent.login);
  await page.goto("/observing");
  const field = page.getByLabel("Student pairing code");
  for (let i = 0; i < 10; i++) {
    await field.fill(`ZZZZ-${String(1000 + i)}`);
    await page.getByRole("button", { name: "Add student" }).click();
    await expect(page.getByText("Invalid pairing code.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add student" })).toBeEnabled();
  }
  await field.fill("ZZZZ-9999");
  await page.getByRole("button", { name: "Add student" }).click();
  await expect(page.getByText(/Too many attempts\. Try again in \d+ minutes?\./).first()).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
});

// When the school allows it, a student removes an observer themself (Canvas has no such thing).
test("a student removes an observer", async ({ page }) => {
  const { makeUser } = await import("../helpers/factory.ts");
  const { codeFor, setDefaultAccountSettings } = await import("./helpers.ts");
  const { redeemPairingCode } = await import("../../lib/pairing-codes/index.ts");
  const { actorFor } = await import("../helpers/factory.ts");
  const account = await setDefaultAccountSettings({ studentsMayRemoveObservers: true });
  const student = await makeStudent(account.id);
  const observer = await makeUser(account.id, { name: `Unwanted ${uid()}` });
  await redeemPairingCode(actorFor(observer, account.id), {
    observerId: observer.id,
    code: await codeFor(student, account.id),
  });
  await signIn(page, student.login);
  await page.goto("/settings");
  const list = page.getByRole("list", { name: "My observers" });
  await expect(list.getByText(observer.name, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Remove ${observer.name}` }).click();
  await page
    .getByRole("dialog", { name: `Remove ${observer.name}?` })
    .getByRole("button", { name: "Remove observer" })
    .click();
  await expect(page.getByText("Nobody observes your account.")).toBeVisible();
});
