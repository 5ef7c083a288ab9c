// Measures the JavaScript each page sends (gzipped bytes on the wire, as Chromium counts them)
// against an honest baseline: an empty Next.js app (one layout, one page) built and served in the
// same run from the same node_modules (scripts/lib/empty-next-app.mjs) — the framework's floor.
// The app's own 404 page (root layout, error boundary, app-wide client code) is printed beside it.
//
//   npm start                                  # the app with its demo data, in another terminal
//   npm run bench:page-weight                  # BASE_URL=… to measure another instance
//
// Signs in with the demo logins (README.md), so it needs the demo data.
import { serveEmptyNextApp } from "./lib/empty-next-app.mjs";
import { BASE_URL, cleanPage, demoPages, launch } from "./lib/demo-pages.mjs";

const BUDGET_KB = 20;
// The API reference is Scalar's own bundle (public/scalar/), loaded by developers, not families:
// measured and shown, outside the budget.
const OUTSIDE_BUDGET = new Set(["/api/docs"]);

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

/** Script bytes of one page in a clean context. */
async function measure(browser, path, { cookies = [], base = BASE_URL } = {}) {
  const { context, page } = await cleanPage(browser, cookies);
  try {
    return await scriptBytes(page, path, base);
  } finally {
    await context.close();
  }
}

const browser = await launch();
const kb = (n) => (n / 1024).toFixed(1);
try {
  console.log("Building and serving an empty Next.js app (the baseline)…");
  const emptyApp = await serveEmptyNextApp();
  let base;
  try {
    base = await measure(browser, "/", { base: emptyApp.url });
  } finally {
    emptyApp.stop();
  }
  const app404 = await measure(browser, "/__empty-page-for-measurement");

  const rows = [];
  for (const p of await demoPages(browser)) {
    const m = await measure(browser, p.path, { cookies: p.cookies });
    rows.push({
      page: p.path,
      as: p.as,
      kb: kb(m.bytes),
      files: m.files,
      overEmptyKb: kb(m.bytes - base.bytes),
      withinBudget: OUTSIDE_BUDGET.has(p.path)
        ? "(not budgeted)"
        : (m.bytes - base.bytes) / 1024 <= BUDGET_KB,
    });
  }
  console.log(
    `Empty Next.js app: ${kb(base.bytes)} kB of JavaScript in ${base.files} files (gzipped, with headers)`,
  );
  console.log(
    `This app's 404 page: ${kb(app404.bytes)} kB in ${app404.files} files (+${kb(app404.bytes - base.bytes)} kB: app-wide code)\n`,
  );
  console.table(rows);
  const over = rows.filter((r) => r.withinBudget === false);
  console.log(
    over.length
      ? `\n${over.length} page(s) over the goal of +${BUDGET_KB} kB over the empty Next.js app ✖`
      : `\nEvery page is within +${BUDGET_KB} kB of the empty Next.js app ✔ (goal)`,
  );
} finally {
  await browser.close();
}
