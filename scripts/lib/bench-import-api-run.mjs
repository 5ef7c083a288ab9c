// bench:import's API automation run: seed 002's five requests per family against `next start`
// (production build) on a sample of the families, on a fresh copy of the template database.
import { apiAutomation } from "./bench-import-api.mjs";
import { freshCopy, verify } from "./bench-import-db.mjs";
import { guardian, primaryOf, studentSis } from "./bench-import-data.mjs";
import { freePort } from "./embedded-db.mjs";
import { NEXT_BIN, serveNode, waitForHttp } from "./harness.mjs";

const n = (x, digits = 0) =>
  x.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function apiRun({ template, seed, secrets, sample, concurrency, families: n0 }) {
  const db = await freshCopy(template, "bench_api");
  const env = {
    ...process.env,
    ...secrets,
    DATABASE_URL: db.url,
    NODE_ENV: "production",
    IMPORT_WORKER: "off",
  };
  const port = await freePort();
  const app = serveNode([NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], env);
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/login`, app);
  const families = Array.from({ length: sample }, (_, i) => {
    const g = guardian(primaryOf(i));
    return { studentSis: studentSis(i), email: g.email, name: `${g.first} ${g.last}` };
  });
  // Warm-up (outside the timing): the first requests load the route modules and fill the pools.
  for (let i = 0; i < 3; i++)
    await fetch(`${base}/api/v1/accounts/self/users?search_term=${studentSis(n0 - 1 - i)}`, {
      headers: { authorization: `Bearer ${seed.adminToken}` },
    });
  const r = await apiAutomation(base, seed.adminToken, families, { concurrency });
  await verify(db.url, sample, "API automation");
  app.kill("SIGTERM");
  await db.drop();
  console.log(
    `  ${n(r.families)} families, ${n(r.requests)} requests in ${n(r.seconds, 1)} s: ${n(r.families / r.seconds, 1)} families/s, ${n(r.requests / r.seconds)} req/s`,
  );
  if (r.fallbackNote) console.log(`  note: ${r.fallbackNote}`);
  return r;
}
