// Measures the JavaScript each page sends (gzipped bytes on the wire, as Chromium counts them)
// against an honest baseline: an empty Next.js app (one layout, one page) built and served in the
// same run from the same node_modules (scripts/lib/empty-next-app.mjs) — the framework's floor.
// The app's own 404 page (root layout, error boundary, app-wide client code) is printed beside it.
//
//   npm start                                  # the app with its demo data, in another terminal
//   npm run bench:page-weight                  # BASE_URL=… to measure another instance
//
// Signs in with the demo logins (README.md), so it needs the demo data.
import { chromium } from "@playwright/test";
import { serveEmptyNextApp } from "./lib/empty-next-app.mjs";

const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";
const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-pass-2026";
const BUDGET_KB = 20;

const PLAN = [
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

async function scriptBytes(page, url, base = BASE_URL) {
  const requests = [];
  const onRequest = (r) => {
    if (r.resourceType() === "script") requests.push(r);
  };
  page.on("request", onRequest);
  await page.goto(new URL(url, base).toString(), { waitUntil: "networkidle" });
  page.off("request", onRequest);
  let bytes = 0;
  for (const r of requests) {
    const res = await r.response();
    if (!res) continue;
    const sizes = await r.sizes();
    bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  return { bytes, files: requests.length };
}

async function signIn(page, login) {
  await page.goto(new URL("/login", BASE_URL).toString());
  await page.getByLabel("Email").fill(login);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const kb = (n) => (n / 1024).toFixed(1);
try {
  // A fresh context per measurement: nothing comes from the HTTP cache.
  const fresh = async (login) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (login) await signIn(page, login);
    return { context, page };
  };
  console.log("Building and serving an empty Next.js app (the baseline)…");
  const emptyApp = await serveEmptyNextApp();
  let base;
  try {
    const emptyNext = await fresh(null);
    base = await scriptBytes(emptyNext.page, "/", emptyApp.url);
    await emptyNext.context.close();
  } finally {
    emptyApp.stop();
  }
  const notFound = await fresh(null);
  const app404 = await scriptBytes(notFound.page, "/__empty-page-for-measurement");
  await notFound.context.close();

  const rows = [];
  for (const step of PLAN) {
    for (let path of step.pages) {
      const { context, page } = await fresh(step.as);
      if (path.includes("{student}")) {
        await page.goto(new URL("/admin/users?q=student1", BASE_URL).toString());
        const href = await page.getByRole("link", { name: "Sam Student" }).getAttribute("href");
        path = href ?? "/admin/users";
      }
      if (path.includes("{course}")) {
        await page.goto(new URL("/courses", BASE_URL).toString());
        const href = await page.getByRole("link", { name: "Algebra I" }).getAttribute("href");
        path = href ?? "/courses";
      }
      // Signing in loaded the runtime into this context's cache: measure in a clean one with the same cookies.
      const cookies = await context.cookies();
      await context.close();
      const clean = await browser.newContext();
      await clean.addCookies(cookies);
      const p = await clean.newPage();
      const m = await scriptBytes(p, path);
      await clean.close();
      rows.push({
        page: path,
        as: step.as ?? "signed out",
        kb: kb(m.bytes),
        files: m.files,
        overEmptyKb: kb(m.bytes - base.bytes),
        withinBudget: (m.bytes - base.bytes) / 1024 <= BUDGET_KB,
      });
    }
  }
  console.log(
    `Empty Next.js app: ${kb(base.bytes)} kB of JavaScript in ${base.files} files (gzipped, with headers)`,
  );
  console.log(
    `This app's 404 page: ${kb(app404.bytes)} kB in ${app404.files} files (+${kb(app404.bytes - base.bytes)} kB: app-wide code)\n`,
  );
  console.table(rows);
  const over = rows.filter((r) => !r.withinBudget);
  console.log(
    over.length
      ? `\n${over.length} page(s) over the goal of +${BUDGET_KB} kB over the empty Next.js app ✖`
      : `\nEvery page is within +${BUDGET_KB} kB of the empty Next.js app ✔ (goal)`,
  );
} finally {
  await browser.close();
}
