// Issue 17 §6: an aborted import still tells the people of the rows it applied; a new guardian's
// setup email names the school, every student and why (siblings in another batch too); an
// existing guardian linked by an import is told once per import; nobody without an address is.
import { afterAll, describe, expect, it } from "vitest";
import { db, pool } from "../../lib/platform/db.ts";
import { createSisImport, getSisImport } from "../../lib/imports/imports.ts";
import { notifyImport } from "../../lib/imports/notify-guardians.ts";
import { BATCH_SIZE, runSisImport } from "../../lib/imports/run.ts";
import { makeUser } from "../helpers/factory.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";

/** Rows naming no student (each a row error): they push what follows into the next batch. */
const filler = (tag: string) =>
  Array.from({ length: BATCH_SIZE }, (_, i) => `nobody${i}-${tag},f${i}.${tag}@home.test,F,father`);

const mailTo = (to: string) =>
  db.outboxEmail.findMany({ where: { to }, select: { subject: true, text: true, sisImportId: true } });

const triggers: string[] = [];
afterAll(async () => {
  for (const t of triggers) await pool.query(`DROP TRIGGER IF EXISTS ${t} ON sis_imports`);
});

describe("who an import tells", () => {
  it("an aborted import still tells the students and guardians of the rows it applied", async () => {
    const s = await importSchool({ students: 2 });
    const [k0, k1] = s.students;
    const created = await createSisImport(s.adminActor, {
      accountId: s.account.id,
      files: [
        csvFile("families.csv", [
          "student_sis_id,guardian_email,guardian_name,relationship",
          `${k0.sis},pat.${s.tag}@home.test,Pat Parent,mother`,
          ...filler(s.tag).slice(1),
          `${k1.sis},lee.${s.tag}@home.test,Lee Parent,father`,
        ]),
      ],
      origin: "http://school.test",
      enqueue: false,
    });
    // An admin's abort lands as the first batch is reported: the run stops before the second.
    const trigger = `abort_${created.id}`;
    triggers.push(trigger);
    await pool.query(`CREATE OR REPLACE FUNCTION ${trigger}() RETURNS trigger AS $$
      BEGIN NEW.workflow_state := 'aborted'; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await pool.query(`CREATE TRIGGER ${trigger} BEFORE UPDATE ON sis_imports FOR EACH ROW
      WHEN (NEW.id = ${created.id} AND NEW.processed_seq >= ${BATCH_SIZE} AND NEW.workflow_state = 'importing')
      EXECUTE FUNCTION ${trigger}()`);
    await runSisImport(created.id);
    const done = await getSisImport(s.adminActor, { accountId: s.account.id, importId: created.id });
    expect(done.workflow_state).toBe("aborted");

    // Row 2 was applied and is told; the last row (second batch) never ran.
    expect(await db.observationLink.count({ where: { studentId: { in: [k0.id, k1.id] } } })).toBe(1);
    expect(await db.notification.count({ where: { userId: k0.id, kind: "observer_linked" } })).toBe(1);
    expect(await mailTo(k0.login)).toHaveLength(1);
    const setup = await mailTo(`pat.${s.tag}@home.test`);
    expect(setup).toHaveLength(1);
    expect(setup[0].text).toContain(k0.name);
    expect(await mailTo(`lee.${s.tag}@home.test`)).toEqual([]);
  });

  it("a new guardian's one setup email names the school, all their students and why", async () => {
    const s = await importSchool({ students: 2 });
    const [k0, k1] = s.students;
    const pat = `pat.${s.tag}@home.test`;
    const done = await importNow(s, [
      csvFile("families.csv", [
        "student_sis_id,guardian_email,guardian_name,relationship",
        `${k0.sis},${pat},Pat Parent,mother`,
        ...filler(s.tag).slice(1),
        `${k1.sis},${pat},Pat Parent,mother`, // a sibling, in the next batch
      ]),
    ]);
    expect(done.data.counts).toMatchObject({ created: 1, linked: 1 });
    const mail = await mailTo(pat);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe(`Your ${s.account.name} account is ready`);
    expect(mail[0].sisImportId).toBe(done.id);
    const text = mail[0].text.replace(/\s+/g, " ");
    expect(text).toContain(
      `${s.account.name} has added you as a parent/guardian of ${k0.name} and ${k1.name} from the school's records`,
    );
    expect(text).toContain("If this is a mistake");
    expect(text).toContain(`contact ${s.account.name}`);
  });

  it("an existing guardian is told once per import, naming every student; no address, no email", async () => {
    const s = await importSchool({ students: 3 });
    const [k0, k1, k2] = s.students;
    const ola = await makeUser(s.account.id, { name: "Ola Existing", sisUserId: `O-${s.tag}` });
    // Signs in with a login that is not an address, and has none on file.
    const quiet = await makeUser(s.account.id, { login: `quiet-${s.tag}`, sisUserId: `Q-${s.tag}` });
    const done = await importNow(s, [
      csvFile("user_observers.csv", [
        "observer_id,student_id,status",
        `O-${s.tag},${k0.sis},active`,
        `O-${s.tag},${k2.sis},active`,
        `Q-${s.tag},${k1.sis},active`,
      ]),
    ]);
    expect(done.data.counts).toMatchObject({ linked: 3 });
    const told = await mailTo(ola.login);
    expect(told).toHaveLength(1);
    expect(told[0].subject).toBe(`${s.account.name} linked you to ${k0.name} and ${k2.name}`);
    expect(told[0].text).toContain(
      `${s.account.name} has added you as a parent/guardian of ${k0.name} and ${k2.name} from the school's records`,
    );
    expect(told[0].text).toContain("http://");
    // Quiet is linked, and told nothing: there is nowhere to write.
    expect(await db.observationLink.count({ where: { observerId: quiet.id, workflowState: "active" } })).toBe(
      1,
    );
    const aboutK1 = { sisImportId: done.id, to: { not: k1.login }, text: { contains: k1.name } };
    expect(
      await db.outboxEmail.count({ where: { sisImportId: done.id, to: { contains: quiet.login } } }),
    ).toBe(0);
    expect(await db.outboxEmail.count({ where: aboutK1 })).toBe(0);

    // Run again (a worker resuming after its last checkpoint): nobody is told twice.
    const before = await db.outboxEmail.count({ where: { sisImportId: done.id } });
    const imp = { id: done.id, root_account_id: s.account.id, school: s.account.name };
    const client = await pool.connect();
    try {
      await notifyImport(client, imp);
    } finally {
      client.release();
    }
    expect(await db.outboxEmail.count({ where: { sisImportId: done.id } })).toBe(before);
  });

  it("a OneRoster guardian with enabledUser=false gets no account and no email; an enabled one does", async () => {
    const s = await importSchool({ students: 1 });
    const kid = s.students[0];
    const guardian = (id: string, enabled: boolean) =>
      `${id},active,,${enabled},org1,parent,,,G,${id},,,${id.toLowerCase()}@home.test,,,${kid.sis},,`;
    const done = await importNow(s, [
      csvFile("users.csv", [
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
        guardian(`ON-${s.tag}`, true),
        guardian(`OFF-${s.tag}`, false),
      ]),
    ]);
    expect(done.data.import_type).toBe("oneroster");
    const on = await mailTo(`on-${s.tag}@home.test`);
    expect(on).toHaveLength(1);
    expect(on[0].text).toContain(`parent/guardian of ${kid.name}`);
    expect(await mailTo(`off-${s.tag}@home.test`)).toEqual([]);
    expect(await db.login.count({ where: { uniqueIdNormalized: `off-${s.tag}@home.test` } })).toBe(0);
  });
});
