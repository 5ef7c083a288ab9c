// `.env` is read everywhere or nowhere: Next.js reads it for the server it runs, so every entry
// point reads it too — `npm start`, the CLI, the worker, migrations and the seed — before deciding
// anything (a DATABASE_URL kept there must not fall back to the embedded demo database and its
// published password). Import this module first. Variables already set in the environment win over
// the file (as Next.js does); `ENV_FILE` names another file. The test runner sets its own.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ENV_FILE = process.env.ENV_FILE ? path.resolve(process.env.ENV_FILE) : path.join(root, ".env");

if (process.env.ENV_FILE && !fs.existsSync(ENV_FILE)) {
  console.error(`\n✖ ENV_FILE names ${ENV_FILE}, which does not exist.\n`);
  process.exit(1);
}
if (fs.existsSync(ENV_FILE)) process.loadEnvFile(ENV_FILE);
