// Issue 18 §4: the smaller holes found by attacking the running app, each closed where its rule
// lives. (The HTTP-level ones — sign-out's cookie, a newline in `next`, NUL and typed years on
// pages, /register?account= — are also attacked over HTTP in tests/adversarial/edges.test.ts.)
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { loadActor } from "../../lib/accounts/actor.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { listAccountUsers, createAccountUser } from "../../lib/identity/account-users.ts";
import { revokeSession } from "../../lib/identity/sign-out.ts";
import { passwordResetsSettled, requestPasswordReset } from "../../lib/identity/password-reset.ts";
import { signInWithPassword } from "../../lib/identity/sign-in.ts";
import { GUESS_LIMITS, SIGN_IN_LIMITS } from "../../lib/identity/throttle/index.ts";
import { registerObserver } from "../../lib/pairing-codes/registration.ts";
import { auditFilterSchema, listAuditEvents } from "../../lib/admin/audit-log.ts";
import { searchUsers } from "../../lib/admin/users.ts";
import { pageRequest } from "../../lib/platform/pagination.ts";
import { safeNext } from "../../app/(auth)/login/next-path.ts";
import { actorFor, makeAdmin, makeRootAccount, makeUser, uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { statementsOf } from "../helpers/sql-statements.ts";
import { registrationForm, registrationSchool } from "../helpers/throttle.ts";

const RLO = "\u202E";
const page = pageRequest({});

/** Puts an address's counter at `count` for the current window (as that many failures would). */
async function setCounter(key: string, windowSeconds: number, count: number) {
  const ms = windowSeconds * 1000;
  const start = new Date(Math.floor(Date.now() / ms) * ms).toISOString();
  await db.$executeRaw`
    INSERT INTO rate_limit_counters (key, window_start, count) VALUES (${key}, ${start}::timestamp(3), ${count})
    ON CONFLICT (key, window_start) DO UPDATE SET count = ${count}`;
}

const rowsLike = (pattern: string) => db.rateLimitCounter.count({ where: { key: { contains: pattern } } });

describe("refused requests add no counter rows", () => {
  it("registrations naming 40 fresh emails from an address that must solve a challenge leave none behind", async () => {
    const { domain, code } = await registrationSchool();
    const ip = `198.18.7.${Math.floor(Math.random() * 250)}-${uid()}`;
    await setCounter(`guess:ip:${ip}`, GUESS_LIMITS.ip.windowSeconds, GUESS_LIMITS.ip.max + 5);
    for (let i = 0; i < 40; i++) {
      const err = await errorOf(registerObserver({ ...registrationForm(code), host: domain, ip }));
      expect(err.challenge).toBeDefined(); // asked, not tried
    }
    expect(await rowsLike(`|${ip}`)).toBe(0);
  });

  it("sign-ins naming 40 fresh logins from an address past its limit leave none behind", async () => {
    const account = await makeRootAccount();
    const host = `bounded-${uid()}.test`;
    await db.account.update({ where: { id: account.id }, data: { domain: host } });
    const ip = `198.18.8.${Math.floor(Math.random() * 250)}-${uid()}`;
    await setCounter(`signin:ip:${ip}`, SIGN_IN_LIMITS.ip.windowSeconds, SIGN_IN_LIMITS.ip.max);
    const tag = uid();
    for (let i = 0; i < 40; i++) {
      const err = await errorOf(
        signInWithPassword({ login: `x${i}-${tag}@a.test`, password: "pw", host, ip }),
      );
      expect(err.code).toBe("rate_limited");
    }
    expect(await rowsLike(tag)).toBe(0);
  });
});

describe("registering with an email that has an account", () => {
  it("answers as a wrong code does, and emails the owner instead (once an hour)", async () => {
    const s = await registrationSchool();
    const owner = await makeUser(s.account.id, { login: `owner-${uid()}@home.example` });
    const wrong = await errorOf(
      registerObserver({
        ...registrationForm("ZZZZ-ZZZZ", `new-${uid()}@home.example`),
        host: s.domain,
        ip: null,
      }),
    );
    const taken = await errorOf(
      registerObserver({ ...registrationForm(s.code, owner.login), host: s.domain, ip: null }),
    );
    expect({ code: taken.code, message: taken.message, fieldErrors: taken.fieldErrors }).toEqual({
      code: wrong.code,
      message: wrong.message,
      fieldErrors: wrong.fieldErrors,
    });
    await errorOf(registerObserver({ ...registrationForm(s.code, owner.login), host: s.domain, ip: null }));
    const mails = await db.outboxEmail.findMany({ where: { to: owner.login } });
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("already has an account");
    expect(mails[0].text).toContain("/login");
    expect(
      await db.auditEvent.count({ where: { action: "login.registration_refused", subjectId: owner.id } }),
    ).toBe(1);
    // The code is intact.
    expect(await db.pairingCode.count({ where: { studentId: s.student.id, workflowState: "active" } })).toBe(
      1,
    );
  });
});

describe("forgot password", () => {
  it("sends the same statements before answering whether the login exists or not; the email follows", async () => {
    const { account, domain } = await registrationSchool();
    const owner = await makeUser(account.id, { login: `reset-${uid()}@home.example` });
    vi.spyOn(Math, "random").mockReturnValue(0.5); // no pruning of old counters in between
    try {
      const ask = (email: string) =>
        statementsOf(() =>
          requestPasswordReset({ email, host: domain, ip: `2001:db8::${uid().slice(0, 4)}` }),
        );
      const known = await ask(owner.login);
      const unknown = await ask(`nobody-${uid()}@home.example`);
      expect(known.statements.length).toBe(unknown.statements.length);
    } finally {
      vi.restoreAllMocks();
    }
    await passwordResetsSettled();
    expect(await db.outboxEmail.count({ where: { to: owner.login } })).toBe(1);
  });
});

describe("sessions", () => {
  it("a signed-out session is refused; the user's other sessions are not", async () => {
    const account = await makeRootAccount();
    const user = await makeUser(account.id);
    const ctx = { domainRootAccountId: account.id, ip: null, via: "session" as const };
    const [mine, other] = [crypto.randomUUID(), crypto.randomUUID()];
    expect(await loadActor(user.id, ctx, 0, mine)).not.toBeNull();
    await revokeSession({ userId: user.id, sid: mine });
    expect(await loadActor(user.id, ctx, 0, mine)).toBeNull();
    expect(await loadActor(user.id, ctx, 0, other)).not.toBeNull();
  });
});

describe("passwords and names in what admins create", () => {
  it("a password equal to the login is refused even when the email differs", async () => {
    const account = await makeRootAccount();
    const admin = await makeAdmin(account.id);
    const login = `jordan-lee-${uid()}`;
    const err = await errorOf(
      createAccountUser(actorFor(admin, account.id), {
        accountId: account.id,
        name: "Jordan Lee",
        uniqueId: login,
        email: `jordan-${uid()}@home.example`,
        password: login,
      }),
    );
    expect(err.fieldErrors?.["pseudonym[password]"]).toEqual(["Do not use your login as the password."]);
    expect(await db.login.count({ where: { uniqueIdNormalized: login } })).toBe(0);
  });

  it("setup emails carry no direction overrides, from the school's name or the person's", async () => {
    const account = await createRootAccount({
      name: `Evil${RLO}loohcS ${uid()}`,
      selfRegistration: "observers",
    });
    const admin = await makeAdmin(account.id);
    const email = `bidi-${uid()}@home.example`;
    await createAccountUser(actorFor(admin, account.id), {
      accountId: account.id,
      name: "Sam Student",
      uniqueId: email,
      email,
    });
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.text + mail.subject).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(mail.subject).toContain("EvilloohcS");
  });
});

describe("another school's user-level email", () => {
  it("is neither shown (include[]=email) nor searchable by an admin of one of the user's schools", async () => {
    const mine = await makeRootAccount();
    const theirs = await makeRootAccount();
    const admin = await makeAdmin(mine.id);
    const both = await makeUser(mine.id, { name: `Both ${uid()}` });
    const email = `private-${uid()}@elsewhere.example`;
    await db.user.update({ where: { id: both.id }, data: { email } });
    await db.login.create({
      data: { userId: both.id, rootAccountId: theirs.id, uniqueId: email, uniqueIdNormalized: email },
    });
    const only = await makeUser(mine.id, { name: `Only ${uid()}` });
    const ownEmail = `own-${uid()}@home.example`;
    await db.user.update({ where: { id: only.id }, data: { email: ownEmail } });
    const actor = actorFor(admin, mine.id);
    const list = async (searchTerm?: string) =>
      (await listAccountUsers(actor, { accountId: mine.id, searchTerm, page, includeEmail: true })).items;
    const shown = await list();
    expect(shown.find((u) => u.id === both.id)?.email).toBeNull();
    expect(shown.find((u) => u.id === only.id)?.email).toBe(ownEmail);
    expect(await list(email)).toEqual([]);
    expect((await list(ownEmail)).map((u) => u.id)).toEqual([only.id]);
  });
});

describe("input that used to give a 500", () => {
  it("a typed year 20266 in the audit filter is a field error; a NUL in a search matches nobody", async () => {
    const bad = auditFilterSchema.safeParse({ from: "20266-01-01", user: "" });
    expect(bad.success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "2026-01-01", user: "" }).success).toBe(true);
    const account = await makeRootAccount();
    const actor = actorFor(await makeAdmin(account.id), account.id);
    await expect(searchUsers(actor, { q: "a\u0000b", page })).resolves.toEqual({ items: [], total: 0 });
    await expect(listAuditEvents(actor, { filter: { user: "a\u0000b" }, page })).resolves.toMatchObject({
      total: 0,
    });
  });

  it("a newline (or any control character) in the sign-in form's next is no destination", () => {
    expect(safeNext("/observing\r\nSet-Cookie: x=1")).toBe("/");
    expect(safeNext("/admin\n")).toBe("/");
    expect(safeNext("/admin/users?q=a%0Ab")).toBe("/admin/users?q=a%0Ab");
    expect(safeNext("//evil.example")).toBe("/");
  });
});

describe(".env", () => {
  it("npm start reads it: a DATABASE_URL there is used, never the embedded demo database", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-"));
    const file = path.join(dir, ".env");
    fs.writeFileSync(
      file,
      [
        "DATABASE_URL=postgresql://nobody:secret@127.0.0.1:9/from_dotenv",
        "APP_URL=http://localhost:39871",
        `AUTH_SECRET=${"a".repeat(40)}`,
        `PAIRING_CODE_KEY=${"b".repeat(40)}`,
        "TRUSTED_PROXY_HEADER=x-forwarded-for",
      ].join("\n"),
    );
    const env: NodeJS.ProcessEnv = { ...process.env, ENV_FILE: file, PORT: "39871" };
    for (const k of ["DATABASE_URL", "APP_URL", "AUTH_SECRET", "PAIRING_CODE_KEY", "DEMO_DATA"])
      delete env[k];
    // Its own process group, so a start that went on (embedded database, server) is stopped whole.
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        process.kill(-child.pid!, "SIGINT"); // start.mjs stops what it started on SIGINT
        setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {}
          resolve(null);
        }, 10_000);
      }, 30_000);
      child.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(out).not.toContain("embedded PostgreSQL");
    expect(out).toContain("127.0.0.1:9/from_dotenv");
    expect(code).toBe(1);
  }, 70_000);
});
