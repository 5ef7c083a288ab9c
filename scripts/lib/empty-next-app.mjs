// An empty Next.js app (one root layout, one page) built and served from this project's own
// node_modules: the framework's floor, measured in the same run as the app's pages
// (scripts/measure-page-weight.mjs). It lives in .data/ (ignored by git, lint and format).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "./embedded-db.mjs";
import { NEXT_BIN } from "./harness.mjs";
import { ROOT } from "./local-env.mjs";

const DIR = path.join(ROOT, ".data", "empty-next-app");

const FILES = {
  "package.json": JSON.stringify({ private: true, type: "module" }, null, 2),
  "next.config.mjs": "export default { poweredByHeader: false };\n",
  "app/layout.jsx":
    'export default function RootLayout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n',
  "app/page.jsx": "export default function Page() {\n  return <main>Empty</main>;\n}\n",
};

// With `observeesRoute`, the app also has one route handler doing the work of
// GET /api/v1/users/self/observees on pg (scripts/lib/bare-observees.mjs, as the bare server does):
// `npm run bench:api`'s measure of what Next.js's own per-request work costs an API request.
const OBSERVEES_ROUTE = {
  "app/api/v1/users/self/observees/route.js": `import pg from "pg";
import { observeesResponse } from "${"../".repeat(8)}scripts/lib/bare-observees.mjs";

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
});

export const dynamic = "force-dynamic";

export async function GET(request) {
  const { status, body, headers } = await observeesResponse(pool, {
    authorization: request.headers.get("authorization"),
    host: request.headers.get("host"),
    url: new URL(request.url),
  });
  return Response.json(body, { status, headers });
}
`,
};

/**
 * Builds the empty app (again each run: the same Next.js as the app's build) and serves it;
 * `observeesRoute` adds the route handler above, `env` is given to the server (its DATABASE_URL).
 */
export async function serveEmptyNextApp({ observeesRoute = false, env: serverEnv = {} } = {}) {
  fs.rmSync(DIR, { recursive: true, force: true });
  for (const [name, text] of Object.entries({ ...FILES, ...(observeesRoute ? OBSERVEES_ROUTE : {}) })) {
    fs.mkdirSync(path.dirname(path.join(DIR, name)), { recursive: true });
    fs.writeFileSync(path.join(DIR, name), text);
  }
  const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: DIR, env, encoding: "utf8" });
  if (build.status !== 0)
    throw new Error(`building the empty Next.js app failed:\n${build.stdout}\n${build.stderr}`);
  const port = await freePort();
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: DIR,
    env: { ...env, ...serverEnv },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (const start = Date.now(); ;) {
    if (child.exitCode !== null) throw new Error("the empty Next.js app exited before answering");
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() - start > 60_000) throw new Error("the empty Next.js app did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop: () => child.kill("SIGTERM") };
}
