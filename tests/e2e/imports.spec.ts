import fs from "node:fs";
import { test, expect } from "./fixtures.ts";
import { db } from "../../lib/platform/db.ts";
import { createSubAccount, makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { actorFor, makeUser, uid } from "../helpers/factory.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";
import { signIn } from "./helpers.ts";
import type { Page } from "@playwright/test";
import {
  checkPage,
  csv,
  dropFile,
  familySchool,
  importFinished,
  roster,
  shot,
  tabTo,
} from "./imports-helpers.ts";

const adminNav = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name }).click();

// Imports take a few seconds each on a busy machine, and axe a few more per page.
test.describe.configure({ timeout: 240_000 });

test("an admin imports a 1,000-family roster: dry run, run for real, errors, report, rerun", async ({
  page,
}) => {
  const school = await familySchool(1000);
  const file = roster(school.tag, 1000, { siblings: 100, bad: 3 });
  await signIn(page, school.admin.login);
  await adminNav(page, "Imports");
  await expect(page.getByRole("heading", { name: "Imports", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("Choose a file to import.")).toBeVisible();

  await expect(page.getByLabel("Dry run first (nothing is changed)")).toBeChecked();
  await page.getByLabel("File to import (.csv or .zip)").setInputFiles(csv("families.csv", file));
  await expect(page.getByText("Chosen: families.csv")).toBeVisible();
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("heading", { name: /^Dry run \d+$/, level: 1 })).toBeVisible();
  await importFinished(page);
  await expect(
    page.getByText("Would create 900 guardian accounts, link 1,000 families, leave 0 unchanged; 3 errors."),
  ).toBeVisible();
  const links = () =>
    db.observationLink.count({ where: { studentId: { in: school.studentIds }, workflowState: "active" } });
  expect(await links()).toBe(0);

  await page.getByRole("button", { name: "Run this import" }).click();
  const dialog = page.getByRole("dialog", { name: "Run this import for real?" });
  await expect(dialog).toContainText("This will create 900 guardian accounts, link 1,000 families");
  await dialog.getByRole("button", { name: "Run import" }).click();
  await expect(page.getByRole("heading", { name: /^Import \d+$/, level: 1 })).toBeVisible();
  await shot(page, "import-1000-started");
  await importFinished(page);
  await expect(
    page.getByText("Created 900 guardian accounts, linked 1,000 families, 0 unchanged; 3 errors."),
  ).toBeVisible();
  expect(await links()).toBe(1000);

  const errors = page.getByRole("region", { name: "Errors table" });
  await expect(page.getByText("3 errors.", { exact: true })).toBeVisible();
  await shot(page, "import-1000-done");
  await expect(errors.getByRole("row").filter({ hasText: "1002" })).toContainText(
    'The guardian email "not-an-email" is not a valid email address',
  );
  await expect(errors.getByRole("row").filter({ hasText: "1003" })).toContainText(
    `No student with the SIS id "nobody-2-${school.tag}" in this school`,
  );
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the error report (CSV)" }).click();
  const report = fs
    .readFileSync((await (await download).path())!, "utf8")
    .trim()
    .split("\n");
  expect(report[0]).toBe("sis_import_id,file,message,row");
  expect(report).toHaveLength(4);
  expect(report[3]).toMatch(new RegExp(`^\\d+,families.csv,.*nobody-3-${school.tag}.*,1004$`));

  // The change log: how many of each kind, a filter by kind, pages, the CSV of all of it.
  const log = page.getByRole("region", { name: "Change log" });
  await expect(log.getByLabel("Changes by kind")).toContainText(/Links created\s*1,000/);
  await expect(log.getByLabel("Changes by kind")).toContainText(/Accounts created\s*900/);
  const changes = page.getByRole("region", { name: "Change log table" });
  await expect(changes.getByRole("row")).toHaveCount(51);
  await expect(changes.getByRole("row").nth(1)).toContainText("Link created");
  await expect(changes.getByRole("row").nth(1)).toContainText(/families\.csv, row \d+/);
  await log.getByLabel("Change kind").selectOption("link_removed");
  await log.getByRole("button", { name: "Show" }).click();
  await expect(log.getByText("No changes of this kind (links removed).")).toBeVisible();
  await log.getByLabel("Change kind").selectOption("account_created");
  await log.getByRole("button", { name: "Show" }).click();
  await expect(changes.getByRole("row").nth(1)).toContainText("Account created");
  await log.getByRole("link", { name: "Next page" }).click();
  await expect(log.getByRole("link", { name: "First page" })).toBeVisible();
  await expect(changes.getByRole("row").nth(1)).toContainText("Account created");
  const logDownload = page.waitForEvent("download");
  await log.getByRole("link", { name: "Download the change log (CSV)" }).click();
  const changeCsv = fs
    .readFileSync((await (await logDownload).path())!, "utf8")
    .trim()
    .split("\n");
  expect(changeCsv[0]).toMatch(
    /^sis_import_id,change,student_name,student_sis_id,student_login,observer_name,/,
  );
  expect(changeCsv.filter((l) => /^\d+,link_created,/.test(l))).toHaveLength(1000);
  expect(changeCsv.filter((l) => /^\d+,account_created,/.test(l))).toHaveLength(900);

  // The same file again, for real at once, dropped on the box: nothing left to do.
  await adminNav(page, "Imports");
  await page.getByLabel("Dry run first (nothing is changed)").uncheck();
  await dropFile(
    page,
    page.getByText("Choose a file, or drag and drop it into this box."),
    "families.csv",
    file,
  );
  await expect(page.getByText("Chosen: families.csv")).toBeVisible();
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("heading", { name: /^Import \d+$/, level: 1 })).toBeVisible();
  await importFinished(page);
  await expect(
    page.getByText("Created 0 guardian accounts, linked 0 families, 1,000 unchanged; 3 errors."),
  ).toBeVisible();
  expect(await links()).toBe(1000);

  // The history, newest first, says who ran what.
  const rerun = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Import ", "");
  await adminNav(page, "Imports");
  // (The other tests import into this school too, so only this admin's rows are looked at.)
  const mine = page.getByRole("region", { name: "Imports table" }).getByRole("row").filter({
    hasText: school.admin.name,
  });
  await expect(mine).toHaveCount(3);
  await expect(mine.nth(0).getByRole("link", { name: `Import ${rerun}` })).toBeVisible();
  await expect(mine.nth(0)).toContainText("Created 0 guardian accounts");
  await expect(mine.nth(2).getByRole("link", { name: /^Dry run \d+$/ })).toBeVisible();
  await shot(page, "imports-history");
});

test("imports pages: keyboard-only upload, unknown format, axe at phone and desktop width", async ({
  page,
}) => {
  const school = await familySchool(3);
  await signIn(page, school.admin.login);
  await page.goto("/admin/imports");
  await checkPage(page, "imports");

  // A file in no known format is refused on the form.
  await page.getByLabel("File to import (.csv or .zip)").setInputFiles(csv("notes.csv", "a,b\n1,2\n"));
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("Nothing was imported: the file is not in a format we know")).toBeVisible();
  await expect(page.getByText(/Couldn't find Canvas CSV import headers .* in notes.csv/)).toBeVisible();
  await checkPage(page, "imports-unknown-format");

  // The keyboard: Tab to the file input, Space opens the file chooser, Enter uploads.
  await page.goto("/admin/imports");
  await tabTo(page, page.getByLabel("File to import (.csv or .zip)"));
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles(csv("small.csv", roster(school.tag, 3, { bad: 2 })));
  await expect(page.getByText("Chosen: small.csv")).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "Upload" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /^Dry run \d+$/, level: 1 })).toBeVisible();
  await importFinished(page);
  await expect(
    page.getByText("Would create 3 guardian accounts, link 3 families, leave 0 unchanged; 2 errors."),
  ).toBeVisible();
  await checkPage(page, "import-dry-run");

  await tabTo(page, page.getByRole("button", { name: "Run this import" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Run this import for real?" });
  await expect(dialog).toBeVisible();
  await checkPage(page, "import-run-dialog");
  await tabTo(page, dialog.getByRole("button", { name: "Run import" }), 5);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /^Import \d+$/, level: 1 })).toBeVisible();
  await importFinished(page);
  await expect(page.getByText("Created 3 guardian accounts, linked 3 families")).toBeVisible();
  await checkPage(page, "import-done");
});

test("imports belong to the root account's admins, and each school sees only its own", async ({ page }) => {
  const school = await familySchool(1);
  const other = await importSchool({ students: 1 });
  const elsewhere = await importNow(other, [
    csvFile("families.csv", [
      "student_sis_id,guardian_email",
      `${other.students[0].sis},p-${uid()}@home.test`,
    ]),
  ]);
  const sub = await createSubAccount({ name: `Annex ${uid()}`, parentId: school.account.id });
  const subAdmin = await makeUser(school.account.id, { name: `Sub Admin ${uid()}` });
  await makeAccountAdmin({ accountId: sub.id, userId: subAdmin.id });

  await signIn(page, school.admin.login);
  for (const url of ["", "/status", "/errors.csv"])
    expect((await page.request.get(`/admin/imports/${elsewhere.id}${url}`)).status()).toBe(404);

  await page.context().clearCookies();
  await signIn(page, subAdmin.login);
  await page.goto("/admin/users");
  await expect(
    page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Imports" }),
  ).toHaveCount(0);
  await page.goto("/admin/imports");
  await expect(
    page.getByText("Only admins of a whole institution (a root account) can import"),
  ).toBeVisible();
  await expect(page.getByLabel("File to import (.csv or .zip)")).toHaveCount(0);
  await checkPage(page, "imports-subadmin");
});

test("an admin undoes an import: the dry run first, then the confirmation", async ({ page }) => {
  const school = await familySchool(3);
  const done = await importNow(
    { account: school.account, adminActor: actorFor(school.admin, school.account.id) },
    [{ name: "families.csv", data: new TextEncoder().encode(roster(school.tag, 3)) }],
  );
  const links = () =>
    db.observationLink.count({ where: { studentId: { in: school.studentIds }, workflowState: "active" } });
  expect(await links()).toBe(3);

  await signIn(page, school.admin.login);
  await page.goto(`/admin/imports/${done.id}`);
  const undo = page.getByRole("region", { name: "Undo this import" });
  await undo.getByRole("link", { name: "See what undo would change" }).click();
  await expect(undo.getByText("Undo would remove 3 links and restore 0 links.")).toBeVisible();
  const pairs = undo.getByRole("region", { name: "Undo dry run" }).getByRole("row");
  await expect(pairs).toHaveCount(4);
  await expect(pairs.nth(1)).toContainText("Remove the link");
  expect(await links()).toBe(3);

  await undo.getByRole("button", { name: "Undo this import" }).click();
  const dialog = page.getByRole("dialog", { name: `Undo import ${done.id}?` });
  await expect(dialog).toContainText("Undo would remove 3 links");
  await dialog.getByRole("button", { name: "Undo import" }).click();
  await expect(page.getByText("Import undone: 3 links removed, 0 links restored.")).toBeVisible();
  expect(await links()).toBe(0);
  await checkPage(page, "import-undone");
});
