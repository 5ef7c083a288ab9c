import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs the Prisma CLI; resolves with its exit code. Output is captured unless stdio is "inherit". */
export function runPrisma(args, { env = process.env, stdio = "pipe" } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "-r",
        path.join(root, "scripts/lib/unref-long-timers.cjs"),
        path.join(root, "node_modules/prisma/build/index.js"),
        ...args,
      ],
      { cwd: root, env: { ...env, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, stdio },
    );
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (stdio !== "inherit" && code !== 0) {
        const err = new Error(
          `prisma ${args.join(" ")} failed:\n${out
            .split("\n")
            .filter((l) => !/^\s+at /.test(l))
            .join("\n")}`,
        );
        reject(err);
      } else resolve(code ?? 1);
    });
  });
}

/** Applies pending migrations to the database at `url`. */
export async function migrateDeploy(url) {
  await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url } });
}
