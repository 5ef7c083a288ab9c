// Re-takes the README's screenshots from the demo data: `npm start`, then
//   node docs/screenshots/capture.mjs        (BASE_URL=… for another instance)
// It pairs Pat Parent with Sam Student first (if they are not yet), so run it on demo data only.
import { chromium } from "@playwright/test";

const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";
const OUT = new URL(".", import.meta.url).pathname;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

async function as(login, viewport, fn) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(login);
  await page.getByLabel("Password").fill("demo-pass-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  try {
    await fn(page);
  } finally {
    await context.close();
  }
}

const desktop = { width: 1100, height: 800 };
const phone = { width: 390, height: 844 };
try {
  let code = "";
  await as("student1@demo.test", desktop, async (page) => {
    await page.goto("/settings");
    await page.getByRole("button", { name: "Pair with Observer" }).click();
    code = (await page.getByLabel("Pairing code", { exact: true }).textContent()).trim();
  });
  await as("parent@demo.test", desktop, async (page) => {
    await page.goto("/observing");
    if ((await page.getByText("Sam Student", { exact: true }).count()) === 0) {
      await page.getByLabel("Student pairing code").fill(code);
      await page.getByRole("button", { name: "Add student" }).click();
      await page.getByText("You are now observing Sam Student.").waitFor();
      await page.goto("/observing");
    }
    await page.screenshot({ path: `${OUT}/observing.png`, fullPage: true });
    await page.setViewportSize(phone);
    await page.screenshot({ path: `${OUT}/observing-phone.png`, fullPage: true });
  });
  await as("student1@demo.test", desktop, async (page) => {
    await page.goto("/settings");
    await page.getByRole("button", { name: "Pair with Observer" }).click();
    await page.getByLabel("Pairing code", { exact: true }).waitFor();
    await page.screenshot({ path: `${OUT}/pair-with-observer.png`, fullPage: true });
    await page.setViewportSize(phone);
    await page.screenshot({ path: `${OUT}/pair-with-observer-phone.png`, fullPage: true });
  });
  // A parent who is signed in opens a code link (the QR) for a second child: one step to add them.
  let secondCode = "";
  await as("student2@demo.test", desktop, async (page) => {
    await page.goto("/settings");
    await page.getByRole("button", { name: "Pair with Observer" }).click();
    secondCode = (await page.getByLabel("Pairing code", { exact: true }).textContent()).trim();
  });
  await as("parent@demo.test", desktop, async (page) => {
    await page.goto(`/register?code=${encodeURIComponent(secondCode)}`);
    await page.getByRole("button", { name: "Add student" }).waitFor();
    await page.screenshot({ path: `${OUT}/register-signed-in.png`, fullPage: true });
    await page.goto("/settings");
    await page.getByRole("heading", { name: "Password" }).waitFor();
    await page.screenshot({ path: `${OUT}/settings-parent.png`, fullPage: true });
  });
  {
    const context = await browser.newContext({ baseURL: BASE_URL, viewport: desktop, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.getByRole("heading", { name: "Forgot your password?", level: 1 }).waitFor();
    await page.screenshot({ path: `${OUT}/forgot-password.png`, fullPage: true });
    await context.close();
  }
  await as("admin@demo.test", desktop, async (page) => {
    await page.goto("/admin/users?q=parent");
    await page.getByRole("link", { name: "Pat Parent" }).click();
    await page.getByRole("heading", { name: "Pat Parent", level: 1 }).waitFor();
    await page.screenshot({ path: `${OUT}/admin-user.png`, fullPage: true });
    await page.goto("/admin/audit");
    await page.screenshot({ path: `${OUT}/admin-audit.png`, fullPage: true });
    await page.goto("/admin/users");
    await page.getByRole("table", { name: "Users" }).waitFor();
    await page.screenshot({ path: `${OUT}/admin-users.png`, fullPage: true });
    await page.goto("/courses");
    await page.getByRole("link", { name: "Algebra I" }).click();
    await page.getByRole("heading", { name: "Algebra I: pairing codes", level: 1 }).waitFor();
    await page.screenshot({ path: `${OUT}/course-roster.png`, fullPage: true });
  });
  await as("teacher@demo.test", desktop, async (page) => {
    await page.goto("/courses");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.screenshot({ path: `${OUT}/teacher-courses.png`, fullPage: true });
    await page.goto("/no-such-page");
    await page.getByRole("heading", { name: "Page not found", level: 1 }).waitFor();
    await page.screenshot({ path: `${OUT}/not-found.png`, fullPage: true });
  });
  {
    const context = await browser.newContext({ baseURL: BASE_URL, viewport: desktop, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto("/api/docs");
    await page.getByRole("heading", { name: "Observer Pairing API", level: 1 }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${OUT}/api-docs.png` });
    await context.close();
  }
} finally {
  await browser.close();
}
