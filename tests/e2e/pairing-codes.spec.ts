// Issue 11, items 6, 7 and 10: a student's codes as they see them (panel, list, times, the cap of
// five) and the admin's view of them on the user page.
import { test, expect } from "./fixtures.ts";
import { defaultRootAccount, makeAdmin, makeStudent, uid } from "../helpers/factory.ts";
import { checkPage } from "./axe.ts";
import { codeFor, signIn } from "./helpers.ts";

// A viewer in Chicago: every time on the page is in their zone, named.
test.use({ timezoneId: "America/Chicago" });

test("a student revokes the code on show, sees codes by their last characters, and at five chooses which goes", async ({
  page,
}) => {
  const account = await defaultRootAccount();
  const student = await makeStudent(account.id, { name: `Nia Student ${uid()}` });
  await signIn(page, student.login);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Pair with Observer" }).click();
  const shown = page.getByLabel("Pairing code", { exact: true });
  const code = ((await shown.textContent()) ?? "").trim();
  const hint = code.slice(-4);
  const panel = page.getByRole("status").filter({ has: shown });
  await expect(panel).toContainText(/expires .* C[SD]T/);
  const codes = page.getByRole("list", { name: "Active codes" });
  await expect(codes.getByRole("listitem")).toHaveCount(1);
  await expect(codes).toContainText(`Code ending ${hint}`);
  await expect(codes).toContainText(/Made .* C[SD]T/);
  await expect(page.getByText(/UTC/)).toHaveCount(0);

  await page.getByRole("button", { name: `Revoke code ending ${hint}` }).click();
  await page
    .getByRole("dialog", { name: "Revoke this pairing code?" })
    .getByRole("button", { name: "Revoke code" })
    .click();
  await expect(page.getByText("You have no active codes.")).toBeVisible();
  await expect(shown).toHaveCount(0);
  await expect(page.getByRole("img", { name: /QR code/ })).toHaveCount(0);
  await expect(page.getByText(`The code ${code} is no longer active`)).toBeVisible();

  // Five codes (printed, say) are the most: the next one asks which to give up.
  const made: string[] = [];
  for (let i = 0; i < 5; i++) made.push(await codeFor(student, account.id));
  await page.reload();
  const choice = page.getByRole("group", { name: /You have 5 active codes, the most there can be/ });
  await expect(choice.getByRole("radio")).toHaveCount(5);
  await checkPage(page, "settings-codes-at-cap");
  const goes = made[2].slice(-4);
  await choice.getByRole("radio", { name: new RegExp(`Code ending ${goes}, made .* C[SD]T`) }).check();
  await page.getByRole("button", { name: "Revoke the chosen code and make a new one" }).click();
  const fresh = ((await shown.textContent()) ?? "").trim();
  expect(fresh).toMatch(/^\w{4}-\w{4}$/);
  await expect(codes.getByRole("listitem")).toHaveCount(5);
  await expect(codes).not.toContainText(`Code ending ${goes}`);
  for (const kept of [...made.filter((c) => c !== made[2]), fresh])
    await expect(codes).toContainText(kept.slice(-4));
});

test("an admin sees a student's active codes on the user page and revokes one", async ({ page }) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const student = await makeStudent(account.id, { name: `Omar Student ${uid()}` });
  const code = await codeFor(student, account.id);
  await signIn(page, admin.login);
  await page.goto(`/admin/users/${student.id}`);
  const codes = page.getByRole("list", { name: "Active codes" });
  await expect(codes).toContainText(`Code ending ${code.slice(-4)}`);
  await expect(codes).toContainText(`by ${student.name}`);
  await checkPage(page, "admin-user-codes");
  await page.getByRole("button", { name: `Revoke code ending ${code.slice(-4)}` }).click();
  await page
    .getByRole("dialog", { name: "Revoke this pairing code?" })
    .getByRole("button", { name: "Revoke code" })
    .click();
  await expect(page.getByText(`${student.name} has no active codes.`)).toBeVisible();
  // The revocation is the admin's, in the audit log.
  await page.goto(`/admin/audit?action=code.revoked&user=${encodeURIComponent(student.name)}`);
  await expect(
    page.getByRole("row").filter({ hasText: "code.revoked" }).filter({ hasText: admin.name }),
  ).toHaveCount(1);
});
