// Issue 18 §1: account takeover by a forged Host. A reset (or welcome) email's link used to be
// built from the request's Host or Origin, so an attacker naming their own server got a victim's
// reset token. Now a request for a host that is no school's and not APP_URL's is refused, and every
// emailed link is built from the school's canonical origin whatever the request said.
import { describe, expect, it } from "vitest";
import { formWith } from "../../scripts/lib/form-session.mjs";
import { newCode } from "../../scripts/lib/http-client.mjs";
import { db } from "../../lib/platform/db.ts";
import { createUserWithLogin } from "../../lib/identity/provisioning.ts";
import { defaultRootAccount, uid } from "../helpers/factory.ts";
import { expectedOrigin } from "../helpers/origin.ts";
import { textAsSent } from "../helpers/setup-links.ts";
import { school, students } from "./fixtures.ts";
import { BASE_URL, httpJson } from "./harness.ts";

const ATTACKER = "attacker.example";
const appHost = new URL(BASE_URL).host;

async function victim() {
  const account = await defaultRootAccount();
  const login = `victim-${uid()}@home.example`;
  await createUserWithLogin({ name: `Victim ${uid()}`, uniqueId: login, rootAccountId: account.id });
  return login;
}

/** The forgot-password form's fields as the real site renders them (the server action's ids). */
async function resetForm(): Promise<Record<string, string>> {
  const page = await httpJson("/forgot-password", { host: appHost });
  expect(page.status).toBe(200);
  return formWith(page.text, "email");
}

function postForm(fields: Record<string, string>, headers: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return httpJson("/forgot-password", { method: "POST", body, headers, host: headers.host });
}

describe("a forged Host", () => {
  it("is refused: the reset page and its form post under the attacker's name send nothing", async () => {
    const email = await victim();
    expect((await httpJson("/forgot-password", { host: ATTACKER })).status).toBe(421);
    const fields = await resetForm();
    const forged = await postForm({ ...fields, email }, { host: ATTACKER, origin: `http://${ATTACKER}` });
    expect(forged.status).toBe(421);
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(0);
    expect((await httpJson("/api/v1/users/self", { host: `${ATTACKER}:80` })).status).toBe(421);
  });

  it("cannot point a link elsewhere through Origin or X-Forwarded-Host on the real host", async () => {
    const email = await victim();
    const fields = await resetForm();
    const sent = await postForm(
      { ...fields, email },
      { host: appHost, "x-forwarded-host": ATTACKER, origin: `http://${ATTACKER}` },
    );
    expect(sent.status).toBe(200);
    // The email is written after the answer (forgot-password's timing says nothing about accounts).
    await expect.poll(() => db.outboxEmail.count({ where: { to: email } })).toBe(1);
    const mails = await db.outboxEmail.findMany({ where: { to: email } });
    expect(mails).toHaveLength(1);
    expect(mails[0].setupLink).not.toContain(ATTACKER);
    const text = (await textAsSent(email))!;
    expect(text).not.toContain(ATTACKER);
    expect(text).toContain(`${new URL(BASE_URL).origin}/set-password?token=`);
  });

  it("API self-registration's welcome email links to the school's own origin", async () => {
    const s = await school();
    const [student] = await students(s, 1);
    const code = await newCode(BASE_URL, student.token, { headers: { host: s.domain } });
    const email = `parent-${uid()}@home.example`;
    const made = await httpJson("/api/v1/accounts/self/users", {
      method: "POST",
      host: s.domain,
      headers: {
        "content-type": "application/json",
        "x-forwarded-host": ATTACKER,
        origin: `http://${ATTACKER}`,
      },
      body: JSON.stringify({
        user: { name: "Pat Parent", initial_enrollment_type: "observer" },
        pseudonym: { unique_id: email, password: "a-long-passphrase" },
        pairing_code: { code },
      }),
    });
    expect(made.status).toBe(200);
    const text = (await textAsSent(email))!;
    expect(text).not.toContain(ATTACKER);
    expect(text).toContain(`${expectedOrigin(s.domain)}/login`);
    expect(text).toContain(`${expectedOrigin(s.domain)}/verify-email?token=`);
  });
});
