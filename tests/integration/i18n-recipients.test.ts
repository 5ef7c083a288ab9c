// Issue 21: emails and notifications in the recipient's language (their choice, else their
// school's default), whoever's browser caused them; and the user's own choice on Settings.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { createPairingCode, redeemPairingCode } from "../../lib/pairing-codes/index.ts";
import { registerObserver } from "../../lib/pairing-codes/registration.ts";
import { setUserLocale } from "../../lib/users/locale.ts";
import { actorFor, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";

async function school(defaultLocale = "en") {
  const domain = `i18n-${uid()}.test`;
  const account = await createRootAccount({
    name: `Escuela ${uid()}`,
    domain,
    selfRegistration: "observers",
  });
  await db.account.update({ where: { id: account.id }, data: { defaultLocale } });
  return { account, domain };
}

async function register(s: { account: { id: number }; domain: string }, locale?: string) {
  const student = await makeStudent(s.account.id, { name: `Sam ${uid()}` });
  await db.user.update({ where: { id: student.id }, data: { email: `sam-${uid()}@school.test` } });
  const { code } = await createPairingCode(actorFor(student, s.account.id), { studentId: student.id });
  const email = `pat-${uid()}@home.test`;
  const out = await registerObserver({
    name: "Pat Doe",
    unique_id: email,
    password: "a-good-passphrase",
    pairing_code: code,
    host: s.domain,
    ip: null,
    locale,
  });
  return { student, email, parentId: out.userId };
}

const mailTo = (to: string) => db.outboxEmail.findFirstOrThrow({ where: { to }, orderBy: { id: "desc" } });

describe("the recipient's language", () => {
  it("a parent registering in Spanish keeps Spanish and is welcomed in it; the student is told in theirs", async () => {
    const s = await school("en");
    const { student, email, parentId } = await register(s, "es");
    expect((await db.user.findUniqueOrThrow({ where: { id: parentId } })).locale).toBe("es");
    const welcome = await mailTo(email);
    expect(welcome.subject).toMatch(/^Le damos la bienvenida a Escuela /);
    expect(welcome.text).toMatch(/^Hola, Pat Doe:/);
    // The student chose nothing and the school speaks English: the student's email is English.
    const told = await mailTo((await db.user.findUniqueOrThrow({ where: { id: student.id } })).email!);
    expect(told.subject).toBe("Pat Doe now observes your account");
  });

  it("with no choice, the school's default language", async () => {
    const s = await school("es");
    const { student, email, parentId } = await register(s);
    expect((await db.user.findUniqueOrThrow({ where: { id: parentId } })).locale).toBeNull();
    expect((await mailTo(email)).subject).toMatch(/^Le damos la bienvenida/);
    const told = await mailTo((await db.user.findUniqueOrThrow({ where: { id: student.id } })).email!);
    expect(told.subject).toBe("Pat Doe ya sigue su cuenta");
    const note = await db.notification.findFirstOrThrow({ where: { userId: student.id } });
    expect(note.body).toMatch(/^Pat Doe ya puede seguir sus cursos como observador\./);
  });

  it("the student's own choice wins over the school's default", async () => {
    const s = await school("es");
    const student = await makeStudent(s.account.id, { name: `Sam ${uid()}` });
    await db.user.update({
      where: { id: student.id },
      data: { email: `sam-${uid()}@school.test`, locale: "en" },
    });
    const parent = await makeUser(s.account.id, { name: "Alex Roe" });
    const { code } = await createPairingCode(actorFor(student, s.account.id), { studentId: student.id });
    await redeemPairingCode(actorFor(parent, s.account.id), { observerId: parent.id, code });
    const told = await mailTo((await db.user.findUniqueOrThrow({ where: { id: student.id } })).email!);
    expect(told.subject).toBe("Alex Roe now observes your account");
  });
});

describe("Settings → Language", () => {
  it("stores the user's own choice, audited; automatic clears it; others are refused", async () => {
    const s = await school();
    const user = await makeUser(s.account.id);
    const actor = actorFor(user, s.account.id);
    expect(await setUserLocale(actor, { locale: "es" })).toEqual({ locale: "es" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("es");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { subjectId: user.id, action: "user.locale_changed" },
    });
    expect(event.data).toEqual({ from: null, to: "es" });
    expect(await setUserLocale(actor, { locale: "" })).toEqual({ locale: null });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();

    const bad = await errorOf(setUserLocale(actor, { locale: "xx" }));
    expect(bad.code).toBe("bad_request");
    expect(bad.fieldErrors?.locale).toEqual(["Choose a language from the list."]);
    const masquerade = await errorOf(setUserLocale({ ...actor, masqueradedBy: 1 }, { locale: "es" }));
    expect(masquerade.code).toBe("forbidden");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();
  });
});
