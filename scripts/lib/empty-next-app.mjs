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

/** Builds the empty app (again each run: the same Next.js as the app's build) and serves it. */
export async function serveEmptyNextApp() {
  fs.rmSync(DIR, { recursive: true, force: true });
  for (const [name, text] of Object.entries(FILES)) {
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
    env,
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
