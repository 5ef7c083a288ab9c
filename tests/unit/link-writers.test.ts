// Issue 17 §1: one set of link rules. SQL that writes observation links or enrollments (observer
// enrollments are rows of `enrollments`) lives only in lib/observer-links/, and Prisma writes of
// links only there too, so the import engine, the pages and the API all go through its rules.
// The benchmark's fixture seeders (scripts/lib/bench-*) build databases to measure, not app data.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const HOME = "lib/observer-links/";
const WRITES = [
  /\bINSERT\s+INTO\s+(observation_links|enrollments)\b/i,
  /\bUPDATE\s+(observation_links|enrollments)\b/i,
  /\bDELETE\s+FROM\s+(observation_links|enrollments)\b/i,
  /\bobservationLink\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\b/,
];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : sources(rel);
    return /\.(ts|tsx|mjs|js)$/.test(e.name) ? [rel] : [];
  });
}

describe("who writes links and observer enrollments", () => {
  it("only lib/observer-links/ has SQL writing observation_links or enrollments", () => {
    const outside = ["lib", "app", "scripts"]
      .flatMap(sources)
      .filter((f) => !f.startsWith(HOME) && !/^scripts\/lib\/bench-/.test(f))
      .flatMap((f) => {
        const text = fs.readFileSync(path.join(ROOT, f), "utf8");
        return WRITES.filter((re) => re.test(text)).map((re) => `${f}: ${re.exec(text)![0]}`);
      });
    expect(outside).toEqual([]);
  });

  it("finds such SQL where it is (the scan can fail)", () => {
    const text = fs.readFileSync(path.join(ROOT, HOME, "sets.ts"), "utf8");
    expect(WRITES.some((re) => re.test(text))).toBe(true);
  });
});
