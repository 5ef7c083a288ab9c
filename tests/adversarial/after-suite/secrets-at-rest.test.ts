// Runs after every other adversarial file (vitest.adversarial.config.ts): every pairing code,
// access token and password-setup link the suite was issued (tests record them as they get them;
// this file issues one of each too, so it never checks nothing) is searched for in every row of
// every table, as text, and in the server's log → 0 hits. Only digests may be at rest.
import { describe, expect, it } from "vitest";
import { loadActor } from "../../../lib/accounts/actor.ts";
import { renewPasswordSetup } from "../../../lib/identity/setup-links.ts";
import { db } from "../../../lib/platform/db.ts";
import { setupLinkIn } from "../../helpers/setup-links.ts";
import { cast, member, pairingCode, school } from "../fixtures.ts";
import { httpJson, issuedSecrets, recordIssued, serverLog } from "../harness.ts";

/** The forms a secret could be stored or logged in. */
function variants(kind: string, value: string): string[] {
  if (kind !== "pairing-code") return [value];
  const bare = value.replace(/[^0-9A-Za-z]/g, "");
  return [...new Set([value, bare, bare.toLowerCase(), `${bare.slice(0, 4)}-${bare.slice(4)}`])];
}

async function everyRowAsText(): Promise<string> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`;
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<{ t: string }[]>(`SELECT t::text AS t FROM ${name} t`);
    parts.push(`== ${name}\n`, ...rows.map((r) => r.t + "\n"));
  }
  return parts.join("");
}

describe("secrets at rest, after the suite", () => {
  it("issues one of each kind of secret itself", async () => {
    const s = await school();
    const people = await cast(s);
    await pairingCode(s, people.student);
    const made = await httpJson("/api/v1/users/self/tokens", {
      method: "POST",
      host: s.domain,
      token: people.parent.token,
      body: new URLSearchParams({ "token[purpose]": "secrets at rest" }),
    });
    expect(made.status).toBe(200);
    recordIssued("access-token", (made.json as { token: string }).token);
    const newcomer = await member(s, "Newcomer");
    const admin = await loadActor(people.rootAdmin.id, {
      domainRootAccountId: s.root.id,
      ip: null,
      via: "session",
    });
    const login = await db.login.findFirstOrThrow({ where: { userId: newcomer.id } });
    const link = await renewPasswordSetup(admin!, { loginId: login.id });
    if (!("link" in link)) throw new Error("expected a link shown to the admin");
    recordIssued("setup-link", link.link);
    recordIssued("setup-token", setupLinkIn(link.link).token);
  });

  it("finds none of the suite's codes, tokens and setup links in any table or in the server log", async () => {
    const secrets = issuedSecrets();
    const kinds = new Set(secrets.map((s) => s.kind));
    for (const kind of ["pairing-code", "access-token", "setup-link", "setup-token"] as const)
      expect(kinds).toContain(kind);
    const [dump, log] = [await everyRowAsText(), serverLog()];
    expect(dump.length).toBeGreaterThan(10_000);
    const hits: string[] = [];
    for (const { kind, value } of secrets)
      for (const v of variants(kind, value)) {
        if (dump.includes(v)) hits.push(`${kind} ${v.slice(0, 12)}… in the database`);
        if (log.includes(v)) hits.push(`${kind} ${v.slice(0, 12)}… in the server log`);
      }
    console.log(
      `secrets at rest: ${secrets.length} secrets checked in ${dump.length} characters of rows and ${log.length} of log`,
    );
    expect(hits).toEqual([]);
  });
});
