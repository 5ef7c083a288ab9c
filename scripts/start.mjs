// `npm start`: database (embedded unless DATABASE_URL is set) → migrations → demo seed when
// empty and allowed (embedded mode, or DEMO_DATA=1: scripts/lib/demo-data.mjs) → build when none
// exists → Next.js on PORT (default 3000), through scripts/serve.mjs.
import "./lib/dotenv.mjs";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { wantsDemoData } from "./lib/demo-data.mjs";
import { ROOT, checkDatabase, localSecrets, openLocalDatabase } from "./lib/local-env.mjs";
import { migrateDeploy } from "./lib/prisma-cli.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
let stopDb = async () => {};

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  return stopDb().finally(() => process.exit(1));
}

function portInUse(p) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", (e) => resolve(e.code === "EADDRINUSE" || e.code === "EACCES"));
    srv.once("listening", () => srv.close(() => resolve(false)));
    srv.listen(p);
  });
}

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return fail(`PORT must be a number from 1 to 65535 (got "${process.env.PORT}").`);
  if (await portInUse(port))
    return fail(
      `Port ${port} is already in use. Stop the program using it, or choose another port: PORT=3001 npm start`,
    );

  let demo;
  try {
    demo = wantsDemoData(process.env);
  } catch (err) {
    return fail(err.message);
  }
  const env = { ...process.env };
  if (!env.DATABASE_URL) {
    console.log(
      "• DATABASE_URL is not set: starting the embedded PostgreSQL server (data in .data/postgres)…",
    );
    const local = await openLocalDatabase();
    stopDb = local.stop;
    env.DATABASE_URL = local.url;
    const secrets = localSecrets();
    for (const k of ["AUTH_SECRET", "PAIRING_CODE_KEY", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"])
      env[k] ||= secrets[k];
    // Only this machine's own browser can reach the embedded mode's demo: its links point here.
    env.APP_URL ||= `http://localhost:${port}`;
  } else {
    // Every emailed link is built from APP_URL (or a school's domain), never from the request.
    if (!env.APP_URL || !/^https?:\/\/[^/]/.test(env.APP_URL))
      return fail(
        "With DATABASE_URL set, set APP_URL too: the public address people reach this app at (e.g. APP_URL=https://pairing.example.org). Emailed links are built from it, and requests for any other host (except a school's own domain) are refused.",
      );
    const missing = ["AUTH_SECRET", "PAIRING_CODE_KEY"].filter((k) => !env[k] || env[k].length < 32);
    if (missing.length)
      return fail(
        `With DATABASE_URL set, set ${missing.join(" and ")} too (each at least 32 random characters, e.g. from: openssl rand -base64 32).`,
      );
    if (!env.TRUSTED_PROXY_HEADER)
      console.warn(
        "• TRUSTED_PROXY_HEADER is not set: client addresses are taken from the TCP connection. Behind a reverse proxy that is the proxy's own address for everyone: set it (see docs/deploying.md).",
      );
  }
  try {
    await checkDatabase(env.DATABASE_URL);
  } catch (err) {
    return fail(err.message);
  }

  console.log("• Applying database migrations…");
  try {
    await migrateDeploy(env.DATABASE_URL);
  } catch (err) {
    return fail(`Migrations failed. ${err.message}`);
  }

  // The seed is told the decision: it cannot tell embedded mode from DATABASE_URL any more.
  const seed = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"],
    { cwd: ROOT, env: { ...env, DEMO_DATA: demo ? "1" : "0" }, stdio: "inherit" },
  );
  if (seed.status !== 0) return fail("Loading the demo data failed (see above).");

  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  if (!dev && !fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("• No build found: building the app (next build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "production" },
      stdio: "inherit",
    });
    if (build.status !== 0) return fail("The build failed (see above).");
  }

  console.log(`• Starting the app at ${env.APP_URL} (port ${port})`);
  // Production runs Next inside scripts/serve.mjs, which hands it the client's socket address.
  const serveArgs = dev
    ? [nextBin, "dev", "-p", String(port)]
    : [path.join(ROOT, "scripts/serve.mjs"), String(port)];
  const child = spawn(process.execPath, serveArgs, {
    cwd: ROOT,
    env,
    stdio: "inherit",
  });
  const shutdown = (signal) => {
    child.kill(signal);
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  child.on("exit", async (code) => {
    await stopDb();
    process.exit(code ?? 0);
  });
}

main().catch((err) => fail(err?.message ?? String(err)));
