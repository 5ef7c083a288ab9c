// `npm run cli -- import`, run as the child process an operator would start, against the test
// database (scripts/test.mjs puts DATABASE_URL and the secrets in this process's environment).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { makeRootAccount, makeUser } from "../helpers/factory.ts";
import { importSchool } from "../helpers/imports.ts";

const TIMEOUT = 180_000; // each run starts node + tsx, slow on a busy machine

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args],
    { env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

function file(name: string, lines: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-import-"));
  const p = path.join(dir, name);
  fs.writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

const HEADER = "student_sis_id,guardian_email,guardian_name,guardian_sis_id,relationship";

describe("npm run cli -- import", () => {
  it(
    "a dry run changes nothing, the run creates and links, a rerun reports everything unchanged",
    async () => {
      const s = await importSchool({ students: 3 });
      const [a, b, c] = s.students;
      const roster = file("families.csv", [
        HEADER,
        `${a.sis},pat.${s.tag}@home.test,Pat Parent,G1-${s.tag},mother`,
        `${b.sis},pat.${s.tag}@home.test,Pat Parent,G1-${s.tag},mother`,
        `${c.sis},lee.${s.tag}@home.test,Lee Guardian,G2-${s.tag},guardian`,
      ]);
      const account = ["--account", String(s.account.id)];
      const links = () =>
        db.observationLink.count({ where: { studentId: { in: s.students.map((x) => x.id) } } });

      const dry = await cli(["import", roster, ...account, "--dry-run"]);
      expect(dry.stdout).toMatch(
        /^import \d+ \(dry run, nothing saved\) imported: 3 rows — created 2, linked 1, unchanged 0, errors 0\n$/,
      );
      expect(dry.code).toBe(0);
      expect(dry.stderr).toBe(""); // not a terminal: no progress line
      expect(await links()).toBe(0);
      expect(await db.login.count({ where: { rootAccountId: s.account.id, sisUserId: `G1-${s.tag}` } })).toBe(
        0,
      );

      const real = await cli(["import", roster, ...account, "--as", s.admin.login]);
      expect(real.stdout).toMatch(
        /^import \d+ imported: 3 rows — created 2, linked 1, unchanged 0, errors 0\n$/,
      );
      expect(real.code).toBe(0);
      expect(await links()).toBe(3);
      const imported = Number(/^import (\d+)/.exec(real.stdout)![1]);
      expect(await db.sisImport.findUniqueOrThrow({ where: { id: imported } })).toMatchObject({
        createdById: s.admin.id,
        dryRun: false,
      });

      const again = await cli(["import", roster, ...account]);
      expect(again.stdout).toMatch(
        /^import \d+ imported: 3 rows — created 0, linked 0, unchanged 3, errors 0\n$/,
      );
      expect(again.code).toBe(0);
      expect(await links()).toBe(3);
    },
    TIMEOUT,
  );

  it(
    "counts refused rows and points at import-errors, which prints the errors CSV",
    async () => {
      const s = await importSchool({ students: 1 });
      const roster = file("families.csv", [
        HEADER,
        `${s.students[0].sis},kim.${s.tag}@home.test,Kim,,aunt`,
        `nobody-${s.tag},sam.${s.tag}@home.test,Sam,,father`,
        `${s.students[0].sis},not-an-email,Bad Email,,father`,
      ]);
      const run = await cli(["import", roster, "--account", String(s.account.id)]);
      const m =
        /^import (\d+) imported_with_messages: 3 rows — created 1, linked 0, unchanged 0, errors 2 \(errors: npm run cli -- import-errors (\d+)\)\n$/.exec(
          run.stdout,
        );
      expect(m, run.stdout + run.stderr).not.toBeNull();
      expect(m![2]).toBe(m![1]);
      expect(run.code).toBe(0);

      const errors = await cli(["import-errors", m![1]]);
      expect(errors.code).toBe(0);
      const lines = errors.stdout.trim().split("\n");
      expect(lines[0]).toBe("sis_import_id,file,message,row");
      expect(lines).toHaveLength(3);
      expect(errors.stdout).toContain(`No student with the SIS id ""nobody-${s.tag}"" in this school`);
      expect(errors.stdout).toContain(`The guardian email ""not-an-email"" is not a valid email address`);
    },
    TIMEOUT,
  );

  it(
    "exits 1 when the import fails, or when there is no admin to import as",
    async () => {
      const s = await importSchool({ students: 1 });
      const unknown = file("grades.csv", ["student,grade", "a,b"]);
      const failed = await cli(["import", unknown, "--account", String(s.account.id)]);
      expect(failed.stdout).toMatch(
        /^import (\d+) failed_with_messages: 0 rows — created 0, linked 0, unchanged 0, errors 1 \(errors: npm run cli -- import-errors \1\)\n$/,
      );
      expect(failed.code).toBe(1);

      const roster = file("families.csv", [HEADER, `${s.students[0].sis},x.${s.tag}@home.test,X,,`]);
      const orphan = await makeRootAccount();
      const noAdmin = await cli(["import", roster, "--account", String(orphan.id)]);
      expect(noAdmin.code).toBe(1);
      expect(noAdmin.stdout).toBe("");
      expect(noAdmin.stderr).toContain("has no active admin to import as");

      const teacher = await makeUser(s.account.id);
      const notAdmin = await cli([
        "import",
        roster,
        "--account",
        String(s.account.id),
        "--as",
        teacher.login,
      ]);
      expect(notAdmin.code).toBe(1);
      expect(notAdmin.stderr).toContain(`"${teacher.login}" is not an admin of`);
      expect(await db.sisImport.count({ where: { rootAccountId: orphan.id } })).toBe(0);
    },
    TIMEOUT,
  );
});
