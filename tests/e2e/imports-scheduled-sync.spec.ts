// Admin → Imports → Scheduled sync (issue 17 §7): an admin adds a nightly sync, sees it listed
// (the secret never shown back), and deletes it behind a confirmation.
import { test, expect } from "./fixtures.ts";
import { db } from "../../lib/platform/db.ts";
import { defaultRootAccount, makeAdmin, uid } from "../helpers/factory.ts";
import { signIn } from "./helpers.ts";

test("an admin adds a scheduled sync, sees it listed, and deletes it", async ({ page }) => {
  const account = await defaultRootAccount();
  const admin = await makeAdmin(account.id);
  const name = `Nightly ${uid()}`;
  await signIn(page, admin.login);
  await page.goto("/admin/imports");
  const section = page.getByRole("region", { name: "Scheduled sync" });
  await expect(section).toBeVisible();

  const add = section.locator("details").filter({ hasText: "Add a scheduled sync" }).last();
  if ((await add.getAttribute("open")) === null) await add.getByText("Add a scheduled sync").click();
  await add.getByLabel("Name", { exact: true }).fill(name);
  await add.getByLabel("File address (URL)").fill("http://sis.example.com/families.csv");
  await add.getByLabel("Credential").selectOption("bearer");
  await add.getByLabel("Token or password").fill("sis-secret-token");
  await add.getByLabel("Every day at").fill("02:30");
  await add.getByLabel("Time zone").fill("America/Chicago");
  await add.getByRole("button", { name: "Add sync" }).click();
  await expect(add.getByText("Only https:// addresses can be synced from.")).toBeVisible();

  await add.getByLabel("File address (URL)").fill("https://sis.example.com/families.csv");
  await add.getByLabel("Token or password").fill("sis-secret-token");
  await add.getByRole("button", { name: "Add sync" }).click();
  const item = section.getByRole("listitem", { name });
  await expect(item).toContainText("Every day at 02:30 (America/Chicago)");
  await expect(item).toContainText("https://sis.example.com/families.csv (Family roster, bearer credential)");
  await expect(item).toContainText("Not run yet");
  await expect(page.getByText("sis-secret-token")).toHaveCount(0);
  const stored = await db.syncSchedule.findFirstOrThrow({ where: { rootAccountId: account.id, name } });
  expect(stored.credentialSecret).not.toContain("sis-secret-token");

  await item.getByRole("button", { name: `Delete ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete the scheduled sync “${name}”?` });
  await dialog.getByRole("button", { name: "Delete sync" }).click();
  await expect(section.getByRole("listitem", { name })).toHaveCount(0);
  expect(await db.syncSchedule.count({ where: { id: stored.id } })).toBe(0);
});
