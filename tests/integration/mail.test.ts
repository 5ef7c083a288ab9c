// Email through a real SMTP server (smtp-server, on a local port): delivery, retry with backoff,
// setup links issued as they are sent, and the outbox page's scoping. SMTP_URL is set before
// anything in this file sends mail. The only test file with SMTP: each process with SMTP delivers
// the whole outbox, so two such files running at once would deliver each other's mail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import { renewPasswordSetup } from "../../lib/identity/setup-links.ts";
import { db } from "../../lib/platform/db.ts";
import { deliverPendingEmails, listOutbox } from "../../lib/mail/outbox.ts";
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
beforeAll(async () => {
  // Earlier test files' waiting emails (thousands after the import tests; no SMTP there) are not
  // this file's to send: delivering them first outlasted these tests' 30-second waits.
  await db.outboxEmail.updateMany({
    where: { sentAt: null },
    data: { nextAttemptAt: new Date("2999-01-01") },
  });
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

async function outboxRow(to: string) {
  return db.outboxEmail.findFirstOrThrow({ where: { to }, orderBy: { id: "desc" } });
}

describe("email", () => {
  it("an admin-made link emails the student; a refused send is retried after its backoff", async () => {
    const account = await makeRootAccount();
    const student = await makeStudent(account.id);
    const parent = await makeUser(account.id, { name: "Robin Guardian" });
    const admin = await makeAdmin(account.id);
    smtp.refuseOnce(student.login);

    await linkObserveeByAdmin(actorFor(admin, account.id), { observerId: parent.id, studentId: student.id });
    // The link kicked off delivery by itself; the server refused this one.
    await expect.poll(async () => (await outboxRow(student.login)).attempts, { timeout: 30_000 }).toBe(1);
    const failed = await outboxRow(student.login);
    expect(failed.sentAt).toBeNull();
    expect(failed.error).toContain("Mailbox busy");
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(failed.rootAccountId).toBe(account.id);

    // Not before its next attempt is due…
    await deliverPendingEmails();
    expect((await outboxRow(student.login)).attempts).toBe(1);
    // …then delivered once the backoff has passed.
    await db.outboxEmail.update({
      where: { id: failed.id },
      data: { nextAttemptAt: new Date(Date.now() - 1000) },
    });
    await deliverPendingEmails();
    const sent = await outboxRow(student.login);
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.attempts).toBe(2);
    const mail = smtp.received.find((m) => m.to === student.login);
    expect(mail?.body).toContain("Robin Guardian now observes your account");
    expect(mail?.body).toContain("If this is wrong, tell your school");
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
    // Delivery started by itself; the server refused this attempt.
    await expect.poll(async () => (await outboxRow(email)).attempts, { timeout: 30_000 }).toBe(1);
    expect(bodiesTo(smtp.received, email)).toEqual([]);
    const failed = await outboxRow(email);
    expect(failed.text).not.toMatch(/token=/);
    await db.outboxEmail.update({
      where: { id: failed.id },
      data: { nextAttemptAt: new Date(Date.now() - 1000) },
    });
    await deliverPendingEmails();
    const [body] = bodiesTo(smtp.received, email);
    expect(body).toContain("Hello Robin Carer");
    const { token } = setupLinkIn(body);
    expect(await findPasswordSetup(token)).toEqual({ email, purpose: "setup" });
    const sent = await outboxRow(email);
    expect(sent.sentAt).toBeInstanceOf(Date);
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
      origin: "http://x",
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
