// The pages the page benchmarks visit, signed in as the demo logins (README.md), and how to open
// each in a browser context of its own with nothing in the HTTP cache. Used by
// scripts/measure-page-weight.mjs and scripts/bench-pages.mjs.
import { chromium } from "@playwright/test";

export const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";
const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-pass-2026";

export const PLAN = [
  { as: null, pages: ["/login", "/register", "/api/docs"] },
  { as: "student1@demo.test", pages: ["/settings", "/notifications", "/settings/tokens"] },
  { as: "parent@demo.test", pages: ["/observing"] },
  { as: "teacher@demo.test", pages: ["/courses"] },
  {
    as: "admin@demo.test",
    pages: [
      "/admin/users",
      "/admin/users/{student}",
      "/admin/audit",
      "/admin/settings",
      "/admin/outbox",
      "/courses/{course}",
    ],
  },
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
}

async function signIn(page, login) {
  await page.goto(new URL("/login", BASE_URL).toString());
  await page.getByLabel("Email").fill(login);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/**
 * Every page of PLAN as [page path, who, cookies]: signed in once per login, the `{student}` and
 * `{course}` placeholders resolved through the pages that link to them.
 */
export async function demoPages(browser) {
  const out = [];
  for (const step of PLAN) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (step.as) await signIn(page, step.as);
    for (let path of step.pages) {
      if (path.includes("{student}")) {
        await page.goto(new URL("/admin/users?q=student1", BASE_URL).toString());
        path =
          (await page.getByRole("link", { name: "Sam Student", exact: true }).getAttribute("href")) ??
          "/admin/users";
      }
      if (path.includes("{course}")) {
        await page.goto(new URL("/courses", BASE_URL).toString());
        path =
          (await page.getByRole("link", { name: "Algebra I", exact: true }).getAttribute("href")) ??
          "/courses";
      }
      out.push({ path, as: step.as ?? "signed out", cookies: await context.cookies() });
    }
    await context.close();
  }
  return out;
}

/** A page in a clean context (nothing cached) holding `cookies`. */
export async function cleanPage(browser, cookies = []) {
  const context = await browser.newContext();
  if (cookies.length) await context.addCookies(cookies);
  return { context, page: await context.newPage() };
}
