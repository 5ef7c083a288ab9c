// postinstall: generate the Prisma client. `prisma generate` needs some DATABASE_URL to exist
// (it never connects), otherwise it tries to download a query engine.
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://placeholder@localhost:5432/placeholder",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const r = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env,
});
process.exit(r.status ?? 1);
