// `npm run bench:pages` — page loads in Chromium: time to first byte and first contentful paint,
// the median of 5 loads of each page in a clean context (nothing cached), signed in where the page
// needs it, beside an empty Next.js app's page built and served in the same run (the framework's
// floor on this machine, now). Prints the goals; never a test.
//
//   npm start                      # the app with its demo data, in another terminal
//   npm run bench:pages            # BASE_URL=… to measure another instance; BENCH_LOADS=5
import { serveEmptyNextApp } from "./lib/empty-next-app.mjs";
import { BASE_URL, cleanPage, demoPages, launch } from "./lib/demo-pages.mjs";

const LOADS = Math.max(1, Number(process.env.BENCH_LOADS ?? 5));
const GOAL_FCP = 300;
const GOAL_TTFB = 80;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One load: TTFB (responseStart − requestStart of the navigation) and FCP, in ms. */
async function load(browser, url, cookies) {
  const { context, page } = await cleanPage(browser, cookies);
  try {
    const res = await page.goto(url, { waitUntil: "load" });
    if (!res || res.status() >= 400) throw new Error(`${url}: ${res?.status()}`);
    return await page.evaluate(async () => {
      const nav = performance.getEntriesByType("navigation")[0];
      let fcp = performance.getEntriesByName("first-contentful-paint")[0];
      for (let i = 0; !fcp && i < 50; i++) {
        await new Promise((r) => setTimeout(r, 20));
        fcp = performance.getEntriesByName("first-contentful-paint")[0];
      }
      return { ttfb: nav.responseStart - nav.requestStart, fcp: fcp?.startTime ?? NaN };
    });
  } finally {
    await context.close();
  }
}

async function medians(browser, url, cookies) {
  await load(browser, url, cookies); // warm-up: the server's first render of the page
  const runs = [];
  for (let i = 0; i < LOADS; i++) runs.push(await load(browser, url, cookies));
  return { ttfb: median(runs.map((r) => r.ttfb)), fcp: median(runs.map((r) => r.fcp)) };
}

const browser = await launch();
try {
  console.log("Building and serving an empty Next.js app (the baseline)…");
  const empty = await serveEmptyNextApp();
  let base;
  try {
    base = await medians(browser, empty.url, []);
  } finally {
    empty.stop();
  }
  const rows = [];
  for (const p of await demoPages(browser)) {
    const m = await medians(browser, new URL(p.path, BASE_URL).toString(), p.cookies);
    rows.push({
      page: p.path,
      as: p.as,
      ttfbMs: Math.round(m.ttfb),
      fcpMs: Math.round(m.fcp),
      fcpVsEmpty: `${(m.fcp / base.fcp).toFixed(2)}×`,
      goals: m.ttfb <= GOAL_TTFB && m.fcp <= GOAL_FCP ? "✔" : "✖",
    });
  }
  console.log(
    `\nEmpty Next.js page: TTFB ${Math.round(base.ttfb)} ms, FCP ${Math.round(base.fcp)} ms (median of ${LOADS})\n`,
  );
  console.table(rows);
  const missed = rows.filter((r) => r.goals === "✖");
  console.log(
    `\nGoals: TTFB ≤ ${GOAL_TTFB} ms and FCP ≤ ${GOAL_FCP} ms on every page — ${missed.length ? `${missed.length} page(s) miss them ✖` : "met ✔"}`,
  );
} finally {
  await browser.close();
}
