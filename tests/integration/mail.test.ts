// Email through a real SMTP server (smtp-server, on a local port): delivery, retry with backoff,
// and the outbox page's scoping. SMTP_URL is set before anything in this file sends mail.
import net from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { deliverPendingEmails, listOutbox } from "../../lib/mail.ts";
import { linkObserveeByAdmin } from "../../lib/observer-links/manage.ts";
import { createSubAccount, makeAccountAdmin } from "../../lib/provisioning.ts";
import type { Actor } from "../../lib/actor.ts";
import { errorOf } from "../helpers/errors.ts";
import { actorFor, makeAdmin, makeRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";

const received: { to: string; body: string }[] = [];
const refuseOnce = new Set<string>();
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (d) => (body += d));
      stream.on("end", () => {
        const to = session.envelope.rcptTo[0]?.address ?? "";
        if (refuseOnce.delete(to))
          return callback(Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 }));
        received.push({ to, body });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "School <no-reply@test.example>";
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function outboxRow(to: string) {
  return db.outboxEmail.findFirstOrThrow({ where: { to }, orderBy: { id: "desc" } });
}

describe("email", () => {
  it("an admin-made link emails the student; a refused send is retried after its backoff", async () => {
    const account = await makeRootAccount();
    const student = await makeStudent(account.id);
    const parent = await makeUser(account.id, { name: "Robin Guardian" });
    const admin = await makeAdmin(account.id);
    refuseOnce.add(student.login);

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
    const mail = received.find((m) => m.to === student.login);
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
