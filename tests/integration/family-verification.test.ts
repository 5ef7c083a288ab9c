// Self-registered parents (issue 10 item 9, issue 11 items 2-4): the welcome email, email
// verification before an admin may link them, names that never become links in students' email,
// signing in from a code link, what the Observing page says, and the warning before the lockout.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import {
  emailVerificationStatus,
  resendEmailVerification,
  verifyEmail,
} from "../../lib/identity/email-verification.ts";
import { linkChangeNotice, linkObserveeByAdmin, unlinkObservee } from "../../lib/observer-links/index.ts";
import {
  codeTriesWarning,
  createPairingCode,
  redeemCodeWithPassword,
  redeemPairingCode,
} from "../../lib/pairing-codes/index.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { registerObserver } from "../../lib/pairing-codes/registration.ts";
import { GUESS_LIMITS } from "../../lib/identity/throttle/index.ts";
import { SETUP_LINK_PLACEHOLDER } from "../../lib/mail/one-time-links.ts";
import { actorFor, makeAdmin, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { oneTimeLinkIn, textAsSent } from "../helpers/setup-links.ts";
import { expectedOrigin } from "../helpers/origin.ts";

async function registered(name = "Jamie Parent") {
  const domain = `fam-${uid()}.test`;
  const account = await createRootAccount({ name: `Fam ${uid()}`, domain, selfRegistration: "observers" });
  const student = await makeStudent(account.id, { name: `Sam ${uid()}` });
  const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
  const email = `jamie-${uid()}@home.test`;
  const out = await registerObserver({
    name,
    unique_id: email,
    password: "a-good-passphrase",
    pairing_code: code,
    host: domain,
    ip: null,
  });
  return { account, domain, student, email, parentId: out.userId };
}

describe("the welcome email and email verification", () => {
  it("welcomes with the sign-in link and next steps, and a confirmation link made only as it is sent", async () => {
    const r = await registered();
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: r.email } });
    expect(mail.subject).toContain(r.account.name);
    expect(mail.text).toContain(`Sign in at ${expectedOrigin(r.domain)}/login with ${r.email}`);
    expect(mail.text).toContain("What to do next");
    expect(mail.text).toContain(SETUP_LINK_PLACEHOLDER);
    expect(mail.text).not.toContain("token=");
    const sent = (await textAsSent(r.email))!;
    const { token } = oneTimeLinkIn(sent, "/verify-email");
    const parent = actorFor({ id: r.parentId }, r.account.id);
    expect(await emailVerificationStatus(parent)).toEqual({ pending: true, email: r.email });
    await expect(verifyEmail({ token, ip: null })).resolves.toEqual({ email: r.email });
    expect(await emailVerificationStatus(parent)).toEqual({ pending: false, email: r.email });
    expect((await errorOf(verifyEmail({ token, ip: null }))).fieldErrors?.token).toBeDefined(); // once
    expect(
      await db.auditEvent.count({ where: { action: "user.email_verified", subjectId: r.parentId } }),
    ).toBe(1);
  });

  it("an admin cannot link an unverified self-registered account; after verification they can", async () => {
    const r = await registered();
    const admin = await makeAdmin(r.account.id);
    const second = await makeStudent(r.account.id);
    const adminActor = actorFor(admin, r.account.id);
    const refused = await errorOf(
      linkObserveeByAdmin(adminActor, { observerId: r.parentId, studentId: second.id }),
    );
    expect(refused.code).toBe("unprocessable");
    expect(refused.message).toContain("has not confirmed their email address");
    expect(await db.observationLink.count({ where: { observerId: r.parentId, studentId: second.id } })).toBe(
      0,
    );
    // The parent's own pairing code still works, unverified.
    const { code } = await createPairingCode(actorFor(second, r.account.id), { studentId: second.id });
    const parentActor = actorFor({ id: r.parentId }, r.account.id);
    await expect(redeemPairingCode(parentActor, { observerId: r.parentId, code })).resolves.toMatchObject({
      id: second.id,
    });
    // A resend replaces the first link; confirming it lets the admin link.
    await unlinkObservee(parentActor, { observerId: r.parentId, studentId: second.id, rootAccountId: "all" });
    await resendEmailVerification({ ...parentActor, via: "session" });
    const { token } = oneTimeLinkIn((await textAsSent(r.email))!, "/verify-email");
    await verifyEmail({ token, ip: null });
    await expect(
      linkObserveeByAdmin(adminActor, { observerId: r.parentId, studentId: second.id }),
    ).resolves.toMatchObject({ id: second.id });
  });

  it("names chosen by a registrant reach a student's email as plain text, never a link", async () => {
    const r = await registered("www.evil.example");
    const toStudent = await db.user.findUniqueOrThrow({
      where: { id: r.student.id },
      select: { email: true },
    });
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { to: toStudent.email! },
      orderBy: { id: "desc" },
    });
    expect(mail.subject).toBe("www[.]evil[.]example now observes your account");
    expect(mail.text).not.toMatch(/www\.|evil\.example/);
    // The app itself shows the name as typed (React renders text, never a link).
    const note = await db.notification.findFirstOrThrow({ where: { userId: r.student.id } });
    expect(note.subject).toBe("www.evil.example now observes your account");
  });
});

describe("codes for parents who already have an account", () => {
  it("signing in from a code link checks the password and links with the Observing page's function", async () => {
    const r = await registered();
    const second = await makeStudent(r.account.id);
    const { code } = await createPairingCode(actorFor(second, r.account.id), { studentId: second.id });
    const base = { login: r.email, code, host: r.domain, ip: `2001:db8::${uid().slice(0, 4)}` };
    expect((await errorOf(redeemCodeWithPassword({ ...base, password: "not-the-password" }))).code).toBe(
      "unauthorized",
    );
    await expect(redeemCodeWithPassword({ ...base, password: "a-good-passphrase" })).resolves.toMatchObject({
      id: second.id,
    });
    const link = await db.observationLink.findFirstOrThrow({
      where: { observerId: r.parentId, studentId: second.id },
    });
    expect(link.method).toBe("qr");
  });

  it("says what happened after a link or an unlink, only when it did happen", async () => {
    const account = await createRootAccount({ name: `Say ${uid()}`, selfRegistration: "observers" });
    const student = await makeStudent(account.id, { name: `Sam ${uid()}` });
    const stranger = await makeStudent(account.id);
    const parent = await makeUser(account.id);
    const actor = actorFor(parent, account.id);
    const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
    await redeemPairingCode(actor, { observerId: parent.id, code });
    expect(await linkChangeNotice(actor, { added: student.id })).toEqual({
      tone: "success",
      kind: "added",
      name: student.name,
      text: `You are now observing ${student.name}. Their courses are listed below.`,
    });
    expect(await linkChangeNotice(actor, { removed: student.id })).toBeNull(); // still observed
    expect(await linkChangeNotice(actor, { added: stranger.id })).toBeNull(); // a crafted address
    await unlinkObservee(actor, { observerId: parent.id, studentId: student.id, rootAccountId: "all" });
    expect((await linkChangeNotice(actor, { removed: student.id }))?.text).toBe(
      `You no longer observe ${student.name}. Their courses are no longer shown to you.`,
    );
    expect(await linkChangeNotice(actor, { added: student.id })).toBeNull();
  });

  it("warns before the lockout with the throttle's own numbers", async () => {
    const account = await createRootAccount({ name: `Warn ${uid()}`, selfRegistration: "observers" });
    const parent = await makeUser(account.id);
    const actor = actorFor(parent, account.id);
    const { max, windowSeconds } = GUESS_LIMITS.observer;
    const warnings: (string | null)[] = [];
    for (let i = 0; i < max; i++) {
      await errorOf(redeemPairingCode(actor, { observerId: parent.id, code: "ZZZZ-ZZZZ" }));
      warnings.push(await codeTriesWarning(actor));
    }
    expect(warnings[0]).toBeNull(); // one wrong code is no cause for alarm
    const minutes = windowSeconds / 60;
    expect(warnings[max - 3]).toBe(
      `2 tries left before a ${minutes}-minute wait. Check the code with your student.`,
    );
    expect(warnings[max - 2]).toBe(
      `1 try left before a ${minutes}-minute wait. Check the code with your student.`,
    );
    expect(warnings[max - 1]).toBeNull(); // locked: the throttle's own message says so
  });
});
