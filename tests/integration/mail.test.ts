// Email through a real SMTP server (smtp-server, on a local port) and the real mail worker (jobs of
// pg-boss): delivery, retry with backoff, mail queued across a restart, setup links issued as they
// are sent, and the outbox page's scoping. SMTP_URL is set before anything in this file sends
// mail. The only test file with SMTP: a mail worker delivers the whole outbox, so two such files
// running at once would deliver each other's mail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import { renewPasswordSetup } from "../../lib/identity/setup-links.ts";
import { db } from "../../lib/platform/db.ts";
import { listOutbox, queueEmailInTx } from "../../lib/mail/outbox.ts";
import { startMailWorker } from "../../lib/mail/delivery.ts";
import { jobQueue, stopJobs } from "../../lib/platform/jobs.ts";
import { findPasswordSetup } from "../../lib/identity/password-setup.ts";
import { linkObserveeByAdmin } from "../../lib/observer-links/manage.ts";
import { createSubAccount, makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import type { Actor } from "../../lib/accounts/actor.ts";
import { errorOf } from "../helpers/errors.ts";
import { actorFor, makeAdmin, makeRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { client, world, type World } from "../helpers/api-world.ts";
import { setupLinkIn } from "../helpers/setup-links.ts";
import { bodiesTo, startSmtp } from "../helpers/smtp.ts";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
// A first backoff of one second rather than a minute: retries within a test's patience.
const startWorker = () => startMailWorker({ retryDelaySeconds: 1 });
beforeAll(async () => {
  // Earlier test files' waiting emails (thousands after the import tests; no SMTP there) are not
  // this file's to send: delivering them first outlasted these tests' 30-second waits.
  await db.outboxEmail.updateMany({
    where: { sentAt: null },
    data: { nextAttemptAt: new Date("2999-01-01") },
  });
  smtp = await startSmtp();
  await startWorker();
});
afterAll(async () => {
  await stopJobs();
  await smtp.close();
});

async function outboxRow(to: string) {
  return db.outboxEmail.findFirstOrThrow({ where: { to }, orderBy: { id: "desc" } });
}

describe("email", () => {
  it("mail queued while no worker runs goes out when a worker starts, with no new event", async () => {
    await stopJobs(); // the process stops…
    const account = await makeRootAccount();
    const to = `restart-${uid()}@home.test`;
    await db.$transaction((tx) =>
      queueEmailInTx(tx, {
        to,
        subject: "Queued before a restart",
        text: "Hello",
        rootAccountId: account.id,
      }),
    );
    // …and a new one starts: nothing has asked for this email since it was queued.
    await startWorker();
    await expect.poll(() => bodiesTo(smtp.received, to).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await outboxRow(to)).sentAt).toBeInstanceOf(Date);
    expect((await outboxRow(to)).attempts).toBe(1);
  });

  it("five jobs for one email, come before it is due, send it once when it is", async () => {
    const to = `twice-${uid()}@home.test`;
    await db.$transaction((tx) =>
      queueEmailInTx(tx, { to, subject: "Only once", text: "Hello", rootAccountId: null }),
    );
    const { id } = await outboxRow(to);
    // As if a first attempt had failed a moment ago: due again in two seconds.
    await db.$executeRaw`UPDATE outbox_emails SET attempts = 1,
      next_attempt_at = (now() AT TIME ZONE 'UTC') + interval '2 seconds' WHERE id = ${id}`;
    const due = (await outboxRow(to)).nextAttemptAt!;
    const b = await jobQueue("mail-send");
    for (let i = 0; i < 5; i++) await b.send("mail-send", { emailId: id }, { retryDelay: 1 });
    const unfinished = () =>
      db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job
        WHERE name = 'mail-send' AND data->>'emailId' = ${String(id)} AND state < 'completed'`;
    await expect.poll(async () => (await unfinished())[0].n, { timeout: 30_000 }).toBe(0);
    expect(bodiesTo(smtp.received, to)).toHaveLength(1);
    const sent = await outboxRow(to);
    expect(sent.attempts).toBe(2);
    expect(sent.sentAt!.getTime()).toBeGreaterThanOrEqual(due.getTime());
  });

  it("an admin-made link emails the student; a refused send is retried by the job system after its backoff", async () => {
    const account = await makeRootAccount();
    const student = await makeStudent(account.id);
    const parent = await makeUser(account.id, { name: "Robin Guardian" });
    const admin = await makeAdmin(account.id);
    const accept = smtp.refuse(student.login);

    await linkObserveeByAdmin(actorFor(admin, account.id), { observerId: parent.id, studentId: student.id });
    // The link woke the mail worker by itself; the server refuses this address for now.
    await expect
      .poll(async () => (await outboxRow(student.login)).attempts, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    const failed = await outboxRow(student.login);
    expect(failed.sentAt).toBeNull();
    expect(failed.error).toContain("Mailbox busy");
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(failed.createdAt.getTime());
    expect(failed.rootAccountId).toBe(account.id);

    // pg-boss retries the job, no sooner than its backoff, with nothing else asking.
    accept();
    await expect
      .poll(async () => (await outboxRow(student.login)).sentAt, { timeout: 30_000 })
      .not.toBeNull();
    const sent = await outboxRow(student.login);
    expect(sent.sentAt!.getTime()).toBeGreaterThanOrEqual(failed.nextAttemptAt!.getTime());
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.error).toBeNull();
    const mail = smtp.received.filter((m) => m.to === student.login);
    expect(mail).toHaveLength(1);
    expect(mail[0].body).toContain("Robin Guardian now observes your account");
    expect(mail[0].body).toContain("If this is wrong, tell your school");
  });

  it("the outbox lists a school's mail only to that school's root admins; anyone else gets not found", async () => {
    const [a, b] = [await makeRootAccount(), await makeRootAccount()];
    const studentA = await makeStudent(a.id);
    const parentA = await makeUser(a.id);
    const adminA = actorFor(await makeAdmin(a.id), a.id);
    await linkObserveeByAdmin(adminA, { observerId: parentA.id, studentId: studentA.id });
    const recipients = async (actor: Actor) => (await listOutbox(actor, { limit: 200 })).map((m) => m.to);
    expect(await recipients(adminA)).toContain(studentA.login);
    expect(await recipients(actorFor(await makeAdmin(b.id), b.id))).not.toContain(studentA.login);

    const sub = await createSubAccount({ name: `Sub ${uid()}`, parentId: a.id });
    const subAdmin = await makeUser(a.id);
    await makeAccountAdmin({ accountId: sub.id, userId: subAdmin.id });
    for (const outsider of [parentA, studentA, subAdmin])
      expect((await errorOf(listOutbox(actorFor(outsider, a.id)))).code).toBe("not_found");
  });
});

async function newParent(w: World, email: string) {
  const made = await client(w)(accountUsers.POST, {
    method: "POST",
    url: "/",
    params: { account_id: String(w.root.id) },
    token: w.admin.token,
    json: { user: { name: "Robin Carer" }, pseudonym: { unique_id: email } },
  });
  expect(made.status).toBe(200);
  return made.json.id as number;
}

describe("password-setup links over SMTP (design: lib/identity/password-setup.ts)", () => {
  it("a refused send is retried with a fresh link; the delivered one works; the outbox row never has it", async () => {
    const w = await world();
    const email = `robin-${uid()}@home.test`;
    smtp.refuseOnce(email);
    await newParent(w, email);
    // Delivery started by itself; the server refused the first attempt and pg-boss retried it.
    await expect.poll(() => bodiesTo(smtp.received, email).length, { timeout: 30_000 }).toBe(1);
    const [body] = bodiesTo(smtp.received, email);
    expect(body).toContain("Hello Robin Carer");
    const { token } = setupLinkIn(body);
    // The SMTP server has the email a moment before the sending transaction (which made its token) commits.
    await expect.poll(() => findPasswordSetup(token)).toEqual({ email, purpose: "setup" });
    const sent = await outboxRow(email);
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.attempts).toBe(2);
    expect(sent.text).not.toMatch(/token=/);
    expect(sent.text).toContain("[one-time link, added when this email is sent]");
  });

  it("an admin's new link is emailed (never shown), replaces the earlier one, and is audited", async () => {
    const w = await world();
    const email = `sky-${uid()}@home.test`;
    const id = await newParent(w, email);
    await expect.poll(() => bodiesTo(smtp.received, email).length, { timeout: 30_000 }).toBe(1);
    const first = setupLinkIn(bodiesTo(smtp.received, email)[0]).token;
    const login = await db.login.findFirstOrThrow({ where: { userId: id }, select: { id: true } });
    const made = await renewPasswordSetup(actorFor(w.admin, w.root.id), {
      loginId: login.id,
    });
    expect(made).toEqual({ emailedTo: email, purpose: "setup" });
    await expect.poll(() => bodiesTo(smtp.received, email).length, { timeout: 30_000 }).toBe(2);
    const second = setupLinkIn(bodiesTo(smtp.received, email)[1]).token;
    expect(await findPasswordSetup(first)).toBeNull();
    // The SMTP server has the email a moment before the sending transaction (which made its token) commits.
    await expect.poll(() => findPasswordSetup(second)).toEqual({ email, purpose: "setup" });
    expect(await db.auditEvent.count({ where: { action: "login.setup_link_sent", subjectId: id } })).toBe(1);
  });
});
