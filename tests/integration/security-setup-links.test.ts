// Password-setup links are never at rest (no SMTP here: mail stays in the outbox, as in the local
// demo). The outbox keeps the email with a placeholder, the token table only digests; a live link
// exists only in the email as it is sent, or shown once to an admin who asks for a new one.
import { describe, expect, it } from "vitest";
import * as accountUsers from "../../app/api/v1/accounts/[account_id]/users/route.ts";
import { renewPasswordSetup } from "../../lib/identity/setup-links.ts";
import { db } from "../../lib/platform/db.ts";
import { listOutbox } from "../../lib/mail/outbox.ts";
import { completePasswordSetup, findPasswordSetup } from "../../lib/identity/password-setup.ts";
import { makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { client, world, type World } from "../helpers/api-world.ts";
import { errorOf } from "../helpers/errors.ts";
import { actorFor, makeAdmin, uid } from "../helpers/factory.ts";
import { csvFile, importNow, importSchool } from "../helpers/imports.ts";
import { sentSetupToken, setupLinkIn, textAsSent } from "../helpers/setup-links.ts";
import { expectedOrigin } from "../helpers/origin.ts";

/** Every token-looking value in the texts that would open a password-setup page. */
async function liveSecrets(texts: string[]): Promise<string[]> {
  const tokens = texts.flatMap((t) => [...t.matchAll(/token=([A-Za-z0-9_-]+)/g)].map((m) => m[1]));
  const live = [];
  for (const t of tokens) if (await findPasswordSetup(t)) live.push(t);
  return live;
}

/** A parent made by the world's admin without a password (so with a setup email waiting). */
async function newParent(w: World) {
  const email = `robin-${uid()}@home.test`;
  const made = await client(w)(accountUsers.POST, {
    method: "POST",
    url: "/",
    params: { account_id: String(w.root.id) },
    token: w.admin.token,
    json: { user: { name: "Robin Carer" }, pseudonym: { unique_id: email } },
  });
  expect(made.status).toBe(200);
  const login = await db.login.findFirstOrThrow({
    where: { uniqueIdNormalized: email },
    select: { id: true },
  });
  return { id: made.json.id as number, email, loginId: login.id };
}

describe("password-setup links at rest", () => {
  it("an admin-made account's email keeps no live link in the outbox table or on the outbox page", async () => {
    const w = await world();
    const email = `robin-${uid()}@home.test`;
    const made = await client(w)(accountUsers.POST, {
      method: "POST",
      url: "/",
      params: { account_id: String(w.root.id) },
      token: w.admin.token,
      json: { user: { name: "Robin Carer" }, pseudonym: { unique_id: email } },
    });
    expect(made.status).toBe(200);
    const rows = await db.outboxEmail.findMany({ where: { to: email } });
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toBe(`Your ${w.root.name} account is ready`);
    expect(rows[0].text).toContain("Hello Robin Carer");
    expect(rows[0].text).not.toMatch(/set-password\?token=/);
    expect(await liveSecrets(rows.map((r) => r.text))).toEqual([]);
    const page = await listOutbox(actorFor(w.admin, w.root.id), { limit: 200 });
    const shown = page.filter((m) => m.to === email);
    expect(shown).toHaveLength(1);
    expect(await liveSecrets(shown.map((m) => m.text))).toEqual([]);
    expect(shown[0].text).not.toMatch(/token=/);
  });

  it("a bulk import's setup emails keep no live link either", async () => {
    const s = await importSchool({ students: 1 });
    const t = s.tag;
    const done = await importNow(s, [
      csvFile("users.csv", [
        "user_id,login_id,full_name,status",
        `P1-${t},p1.${t}@home.test,Pat Doe,active`,
        `P2-${t},p2.${t}@home.test,Sam Roe,active`,
      ]),
    ]);
    expect(done.workflow_state).toBe("imported");
    const rows = await db.outboxEmail.findMany({
      where: { to: { in: [`p1.${t}@home.test`, `p2.${t}@home.test`] } },
    });
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.text).not.toMatch(/set-password\?token=/);
    expect(await liveSecrets(rows.map((r) => r.text))).toEqual([]);
    // As sent, each carries a working link of its own.
    const tokens = await Promise.all(rows.map((r) => sentSetupToken(r.to)));
    for (const [i, t] of tokens.entries())
      expect(await findPasswordSetup(t)).toEqual({ email: rows[i].to, purpose: "setup" });
  });

  it("sending issues the link: digest only, a fresh token per attempt, single use, then nothing to send", async () => {
    const w = await world();
    const p = await newParent(w);
    // Nothing issued until sent (a test file with SMTP may send anyone's mail at any time).
    const row = await db.passwordSetupToken.findFirstOrThrow({ where: { loginId: p.loginId } });
    if ((await db.outboxEmail.findFirstOrThrow({ where: { to: p.email } })).sentAt === null)
      expect(row.digest).toBeNull();
    const first = await sentSetupToken(p.email);
    // A retried send rotates: the earlier attempt's token stops working.
    const second = await sentSetupToken(p.email);
    expect(second).not.toBe(first);
    expect(await findPasswordSetup(first)).toBeNull();
    expect(await findPasswordSetup(second)).toEqual({ email: p.email, purpose: "setup" });
    const issued = await db.passwordSetupToken.findFirstOrThrow({ where: { loginId: p.loginId } });
    expect(issued.digest).not.toBe(second);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await db.outboxEmail.findFirstOrThrow({ where: { to: p.email } })).text).not.toMatch(/token=/);
    await completePasswordSetup({ token: second, password: "a-garden-of-tulips", ip: null });
    expect(await findPasswordSetup(second)).toBeNull();
    // A used link is not issued again.
    expect(await textAsSent(p.email)).toBeNull();
  });

  it("without SMTP a root admin gets a new link shown once: it works, replaces the old ones, is audited", async () => {
    const w = await world();
    const p = await newParent(w);
    const emailed = await sentSetupToken(p.email);
    const admin = actorFor(w.admin, w.root.id);
    const made = await renewPasswordSetup(admin, { loginId: p.loginId });
    if (!("link" in made)) throw new Error("expected a link");
    const { url, token } = setupLinkIn(made.link);
    expect(url.origin).toBe(expectedOrigin(w.domain));
    expect(await findPasswordSetup(token)).toEqual({ email: p.email, purpose: "setup" });
    expect(await findPasswordSetup(emailed)).toBeNull();
    // The waiting email's link was replaced: it is not sent any more.
    expect(await textAsSent(p.email)).toBeNull();
    const audit = await db.auditEvent.findMany({
      where: { action: "login.setup_link_shown", subjectId: p.id },
      select: { actorId: true, rootAccountId: true, data: true },
    });
    expect(audit).toEqual([
      { actorId: w.admin.id, rootAccountId: w.root.id, data: { loginId: p.loginId, purpose: "setup" } },
    ]);
    expect(await liveSecrets((await listOutbox(admin, { limit: 200 })).map((m) => m.text))).toEqual([]);
    await completePasswordSetup({ token, password: "a-garden-of-tulips", ip: null });
    // Now it has a password: the admin's next link is a reset link (60 minutes), not a setup link.
    const reset = await renewPasswordSetup(admin, { loginId: p.loginId });
    if (!("link" in reset)) throw new Error("expected a link");
    expect(reset.purpose).toBe("reset");
    expect(await findPasswordSetup(setupLinkIn(reset.link).token)).toEqual({
      email: p.email,
      purpose: "reset",
    });
    expect(await findPasswordSetup(token)).toBeNull();
  });

  it("no link for a sub-account admin, another school's admin, or a user of a school the admin does not run", async () => {
    const w = await world();
    const p = await newParent(w);
    for (const who of [actorFor(w.subAdmin, w.root.id), actorFor(w.otherAdmin, w.other.id)])
      expect((await errorOf(renewPasswordSetup(who, { loginId: p.loginId }))).code).toBe("not_found");
    // The parent also belongs to school B: a link is a credential to all of it, so A's admin may not see one.
    const other = `pb-${uid()}@other.test`;
    await db.login.create({
      data: { userId: p.id, rootAccountId: w.other.id, uniqueId: other, uniqueIdNormalized: other },
    });
    const refused = await errorOf(renewPasswordSetup(actorFor(w.admin, w.root.id), { loginId: p.loginId }));
    expect(refused.code).toBe("unauthorized");
    // An admin of both schools may.
    const both = await makeAdmin(w.root.id);
    await makeAccountAdmin({ accountId: w.other.id, userId: both.id });
    expect(await renewPasswordSetup(actorFor(both, w.root.id), { loginId: p.loginId })).toHaveProperty(
      "link",
    );
    expect(await db.auditEvent.count({ where: { action: "login.setup_link_shown", subjectId: p.id } })).toBe(
      1,
    );
  });
});
