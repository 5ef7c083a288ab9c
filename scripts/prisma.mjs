// Runs the Prisma CLI (`node scripts/prisma.mjs migrate deploy`) with long timers unref'd.
import "./lib/dotenv.mjs";
import { runPrisma } from "./lib/prisma-cli.mjs";

const code = await runPrisma(process.argv.slice(2), { stdio: "inherit" });
process.exit(code);
