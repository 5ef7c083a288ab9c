// `npm run cli -- import --from-url` and `schedule add|list|run|remove` (issue 17 §7), run as the
// child process an operator would start, against a local HTTP server standing in for the SIS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { runCli } from "../helpers/cli.ts";
import { importSchool } from "../helpers/imports.ts";
import { startSyncServer, TOKEN, type SyncServer } from "../helpers/sync-server.ts";

const TIMEOUT = 180_000;
let server: SyncServer;
beforeAll(async () => {
  server = await startSyncServer();
});
afterAll(() => server.close());

function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  Object.assign(process.env, vars);
  return run().finally(() => {
    for (const k of Object.keys(vars)) delete process.env[k];
  });
}

describe("npm run cli -- import --from-url", () => {
  it(
    "downloads with the bearer token named by --bearer-env and imports; a refused credential exits 1 saying why",
    async () => {
      const s = await importSchool({ students: 2 });
      const [a, b] = s.students;
      server.roster = [
        "student_sis_id,guardian_email,guardian_name",
        `${a.sis},pat.${s.tag}@home.test,Pat`,
        `${b.sis},pat.${s.tag}@home.test,Pat`,
      ].join("\n");
      const account = ["--account", String(s.account.id), "--as", s.admin.login];
      const ok = await withEnv({ SYNC_ALLOW_LOCAL_HTTP: "1", SIS_TOKEN: TOKEN }, () =>
        runCli([
          "import",
          "--from-url",
          server.url("/roster.csv"),
          "--bearer-env",
          "SIS_TOKEN",
          "--data-set",
          "nightly",
          ...account,
        ]),
      );
      expect(ok.stderr).toBe("");
      expect(ok.stdout).toMatch(/^import \d+ imported: 2 rows — created 1, /);
      expect(
        await db.observationLink.count({ where: { rootAccountId: s.account.id, workflowState: "active" } }),
      ).toBe(2);
      expect(server.seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
      const imp = await db.sisImport.findFirstOrThrow({ where: { rootAccountId: s.account.id } });
      expect(imp.diffingDataSetIdentifier).toBe("nightly");

      const refused = await withEnv({ SYNC_ALLOW_LOCAL_HTTP: "1", SIS_TOKEN: "wrong" }, () =>
        runCli(["import", "--from-url", server.url("/roster.csv"), "--bearer-env", "SIS_TOKEN", ...account]),
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("refused the credential (HTTP 401)");
      const plain = await runCli(["import", "--from-url", server.url("/roster.csv"), ...account]);
      expect(plain.code).toBe(1);
      expect(plain.stderr).toContain("Only https:// addresses can be synced from.");
    },
    TIMEOUT,
  );

  it(
    "schedule add, list, run and remove",
    async () => {
      const s = await importSchool({ students: 1 });
      server.roster = ["student_sis_id,guardian_email", `${s.students[0].sis},lee.${s.tag}@home.test`].join(
        "\n",
      );
      const account = ["--account", String(s.account.id), "--as", s.admin.login];
      const env = { SYNC_ALLOW_LOCAL_HTTP: "1", SIS_TOKEN: TOKEN };
      const added = await withEnv(env, () =>
        runCli([
          "schedule",
          "add",
          "--name",
          "Nightly",
          "--url",
          server.url("/roster.csv"),
          "--at",
          "01:15",
          "--time-zone",
          "Europe/Paris",
          "--bearer-env",
          "SIS_TOKEN",
          ...account,
        ]),
      );
      expect(added.stderr).toBe("");
      const id = added.stdout.trim();
      expect(id).toMatch(/^\d+$/);
      const listed = await runCli(["schedule", "list", ...account]);
      expect(listed.stdout).toBe(
        `${id}\tNightly\t01:15 Europe/Paris\t${server.url("/roster.csv")}\tnot run yet\n`,
      );
      const run = await withEnv(env, () => runCli(["schedule", "run", id, ...account]));
      expect(run.stdout).toMatch(/^imported \(import \d+\)\n$/);
      expect((await runCli(["schedule", "remove", id, ...account])).code).toBe(0);
      expect(await db.syncSchedule.count({ where: { rootAccountId: s.account.id } })).toBe(0);
    },
    TIMEOUT,
  );
});
