// Issue 17 §7: a scheduled sync downloads the school's export from a URL with a stored credential
// and imports it as a diffed data set; whatever stops it emails the school's admins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "../../lib/platform/db.ts";
import { stopJobs } from "../../lib/platform/jobs.ts";
import {
  listSyncSchedules,
  removeSyncSchedule,
  runScheduledSync,
  runSyncNow,
  saveSyncSchedule,
  startSyncWorker,
  stopSyncWorker,
  type ScheduleInput,
} from "../../lib/imports/schedules/index.ts";
import { AppError } from "../../lib/platform/errors.ts";
import { getSisImport } from "../../lib/imports/read.ts";
import { actorFor, makeUser, makeRootAccount, makeAdmin } from "../helpers/factory.ts";
import { importSchool } from "../helpers/imports.ts";
import { BASIC, startSyncServer, TOKEN, type SyncServer } from "../helpers/sync-server.ts";

process.env.SYNC_ALLOW_LOCAL_HTTP = "1";
let server: SyncServer;
beforeAll(async () => {
  server = await startSyncServer();
});
afterAll(async () => {
  await server.close();
  await stopJobs();
});

type School = Awaited<ReturnType<typeof importSchool>>;
const HEADER = "student_sis_id,guardian_email,guardian_name";

function rosterOf(s: School) {
  const [a, b, c] = s.students;
  return [
    HEADER,
    `${a.sis},pat.${s.tag}@home.test,Pat`,
    `${b.sis},pat.${s.tag}@home.test,Pat`,
    `${c.sis},lee.${s.tag}@home.test,Lee`,
  ];
}

const activeLinks = (s: School) =>
  db.observationLink.count({ where: { rootAccountId: s.account.id, workflowState: "active" } });

function schedule(s: School, over: Partial<ScheduleInput> = {}) {
  return saveSyncSchedule(s.adminActor, {
    accountId: s.account.id,
    name: `Nightly ${s.tag}`,
    url: server.url("/roster.csv"),
    importType: "family_roster",
    credentialKind: "bearer",
    credentialSecret: TOKEN,
    timeOfDay: "02:30",
    timeZone: "America/Chicago",
    dataSet: "families",
    enabled: true,
    ...over,
  });
}

const lastOutcome = async (id: number) =>
  (await db.syncSchedule.findUniqueOrThrow({ where: { id } })).lastOutcome;

const emailsTo = (s: School) =>
  db.outboxEmail.findMany({
    where: { rootAccountId: s.account.id, to: s.admin.login },
    orderBy: { id: "asc" },
  });

describe("scheduled sync", () => {
  it("imports the file over bearer, then removes the pair a second run no longer lists; pg-boss holds its cron", async () => {
    const s = await importSchool({ students: 3 });
    const sync = await schedule(s, { changeThreshold: 50 });
    const [boss] = (
      await pool.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [`sis-sync-${sync.id}`])
    ).rows;
    expect(boss).toEqual({ cron: "30 2 * * *", timezone: "America/Chicago" });

    server.roster = rosterOf(s).join("\n");
    const first = await runScheduledSync(sync.id, "schedule");
    expect(first).toMatchObject({ outcome: "imported", reason: null });
    expect(await activeLinks(s)).toBe(3);
    expect(server.seen.at(-1)).toEqual({ path: "/roster.csv", authorization: `Bearer ${TOKEN}` });
    const imp = await db.sisImport.findUniqueOrThrow({ where: { id: first.importId! } });
    expect(imp).toMatchObject({
      syncScheduleId: sync.id,
      diffingDataSetIdentifier: "families",
      changeThreshold: 50,
    });
    const json = await getSisImport(s.adminActor, { accountId: s.account.id, importId: imp.id });
    expect(json.sync_schedule).toEqual({ id: sync.id, name: sync.name });

    server.roster = rosterOf(s).slice(0, 3).join("\n");
    const second = await runScheduledSync(sync.id, "schedule");
    expect(second.outcome).toBe("imported");
    expect(await activeLinks(s)).toBe(2);
    const [listed] = await listSyncSchedules(s.adminActor, { accountId: s.account.id });
    expect(listed).toMatchObject({ lastOutcome: "imported", lastImportId: second.importId, hasSecret: true });
    expect(listed).not.toHaveProperty("credentialSecret");
    expect(await emailsTo(s)).toHaveLength(0);
  });

  it("sends basic credentials; stores the secret sealed; a blank secret on a change keeps it", async () => {
    const s = await importSchool({ students: 3 });
    const sync = await schedule(s, {
      url: server.url("/basic.csv"),
      credentialKind: "basic",
      credentialUsername: BASIC.username,
      credentialSecret: BASIC.password,
    });
    const { rows } = await pool.query(`SELECT credential_secret FROM sync_schedules WHERE id = $1`, [
      sync.id,
    ]);
    expect(rows[0].credential_secret).toMatch(/^v1\./);
    expect(rows[0].credential_secret).not.toContain(BASIC.password);
    await saveSyncSchedule(s.adminActor, {
      scheduleId: sync.id,
      accountId: s.account.id,
      name: sync.name,
      url: sync.url,
      importType: "family_roster",
      credentialKind: "basic",
      credentialUsername: BASIC.username,
      credentialSecret: "",
      timeOfDay: "03:00",
      timeZone: "UTC",
      dataSet: "families",
      enabled: true,
    });
    server.roster = rosterOf(s).join("\n");
    expect((await runScheduledSync(sync.id)).outcome).toBe("imported");
    expect(await activeLinks(s)).toBe(3);
  });

  it("a 401, a timeout, an oversize or an HTML answer fails the run and emails the admins", async () => {
    const s = await importSchool({ students: 3 });
    const cases = [
      { over: { credentialSecret: "wrong-token" }, why: /refused the credential \(HTTP 401\)/ },
      {
        over: { url: server.url("/slow.csv") },
        why: /did not send the whole file within 1 s/,
        opts: { timeoutMs: 1000 },
      },
      {
        over: { url: server.url("/big.csv") },
        why: /larger than 50000 bytes, the most one import takes/,
        opts: { maxBytes: 50_000 },
      },
      { over: { url: server.url("/login.html") }, why: /sent text\/html, not a CSV/ },
    ];
    for (const [n, c] of cases.entries()) {
      const sync = await schedule(s, { name: `Case ${n}`, ...c.over });
      const run = await runScheduledSync(sync.id, "now", c.opts);
      expect.soft(run.outcome, String(c.why)).toBe("failed");
      expect.soft(run.reason).toMatch(c.why);
      const mail = (await emailsTo(s)).at(-1);
      expect.soft(mail?.subject).toContain(`“Case ${n}” failed`);
      expect.soft(mail?.text).toMatch(c.why);
      expect.soft(mail?.text).toContain("/admin/imports");
    }
    expect(await emailsTo(s)).toHaveLength(cases.length);
    expect(await activeLinks(s)).toBe(0);
  });

  it("a threshold refusal applies nothing and emails the admins a link to the import", async () => {
    const s = await importSchool({ students: 3 });
    const sync = await schedule(s);
    server.roster = rosterOf(s).join("\n");
    await runScheduledSync(sync.id);
    server.roster = rosterOf(s).slice(0, 3).join("\n");
    const refused = await runScheduledSync(sync.id);
    expect(refused.outcome).toBe("refused");
    expect(await activeLinks(s)).toBe(3);
    const [mail] = await emailsTo(s);
    expect(mail.subject).toContain("was refused");
    expect(mail.text).toContain("more than its change_threshold of 10%");
    expect(mail.text).toContain(`/admin/imports/${refused.importId}`);
  });

  it("SSRF: private addresses are refused, when saved and when reached by a name or a redirect", async () => {
    const s = await importSchool({ students: 3 });
    for (const url of [
      "https://10.1.2.3/x.csv",
      "https://169.254.169.254/latest",
      "http://example.com/x.csv",
    ])
      await expect(schedule(s, { url }), url).rejects.toMatchObject({
        fieldErrors: { url: [expect.any(String)] },
      });
    const port = new URL(server.url("/")).port;
    const byName = await schedule(s, { name: "by name", url: `https://localhost:${port}/roster.csv` });
    expect((await runScheduledSync(byName.id)).reason).toMatch(/resolves to a private or local address/);
    const redirected = await schedule(s, { name: "redirect", url: server.url("/to-metadata") });
    expect((await runScheduledSync(redirected.id)).reason).toMatch(
      /redirected to http:\/\/169\.254\.169\.254/,
    );
  });

  it("“Run now” is worked by the sync worker", async () => {
    const s = await importSchool({ students: 3 });
    const sync = await schedule(s);
    server.roster = rosterOf(s).join("\n");
    await startSyncWorker();
    try {
      await runSyncNow(s.adminActor, { accountId: s.account.id, scheduleId: sync.id });
      await expect.poll(() => lastOutcome(sync.id), { timeout: 20_000, interval: 250 }).toBe("imported");
    } finally {
      await stopSyncWorker();
    }
    expect(await activeLinks(s)).toBe(3);
  });

  it("pg-boss fires the schedule at its time of day and the worker runs it", async () => {
    const s = await importSchool({ students: 3 });
    server.roster = rosterOf(s).join("\n");
    // pg-boss fires a cron whose time passed less than a minute ago: save it for this minute, with
    // room left in the minute for the worker's first look.
    if (new Date().getUTCSeconds() > 40)
      await new Promise((r) => setTimeout(r, (61 - new Date().getUTCSeconds()) * 1000));
    const now = new Date();
    const at = `${String(now.getUTCHours()).padStart(2, "0")}:${String(now.getUTCMinutes()).padStart(2, "0")}`;
    const sync = await schedule(s, { timeOfDay: at, timeZone: "UTC" });
    // A worker process starting now: its job system keeps pg-boss's clock.
    await stopJobs();
    await startSyncWorker();
    try {
      await expect.poll(() => lastOutcome(sync.id), { timeout: 40_000, interval: 500 }).toBe("imported");
    } finally {
      await stopSyncWorker();
      await stopJobs();
    }
    expect(await activeLinks(s)).toBe(3);
  }, 90_000);

  it("only the school's admins manage its schedules", async () => {
    const s = await importSchool({ students: 1 });
    const sync = await schedule(s);
    const other = await makeRootAccount();
    const strangers = [
      actorFor(await makeUser(s.account.id), s.account.id),
      actorFor(await makeAdmin(other.id), other.id),
    ];
    for (const a of strangers) {
      const ref = { accountId: s.account.id, scheduleId: sync.id };
      await expect(listSyncSchedules(a, ref)).rejects.toBeInstanceOf(AppError);
      await expect(runSyncNow(a, ref)).rejects.toBeInstanceOf(AppError);
      await expect(removeSyncSchedule(a, ref)).rejects.toBeInstanceOf(AppError);
      await expect(
        saveSyncSchedule(a, {
          ...ref,
          name: "x",
          url: "https://sis.example/x.csv",
          importType: "family_roster",
          credentialKind: "none",
          timeOfDay: "01:00",
          timeZone: "UTC",
          dataSet: "d",
          enabled: true,
        }),
      ).rejects.toBeInstanceOf(AppError);
    }
    expect(await db.syncSchedule.findUniqueOrThrow({ where: { id: sync.id } })).toMatchObject({
      name: sync.name,
    });
    await removeSyncSchedule(s.adminActor, { accountId: s.account.id, scheduleId: sync.id });
    expect(await db.syncSchedule.count({ where: { id: sync.id } })).toBe(0);
    expect(
      await db.auditEvent.count({ where: { rootAccountId: s.account.id, action: { startsWith: "sync." } } }),
    ).toBe(2);
  });
});
