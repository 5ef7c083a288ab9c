// `npm run cli -- sso add|list|disable|remove` against a real OpenID provider and the test database.
import { schoolOrigin } from "../../lib/accounts/origin.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { listSsoProviders } from "../../lib/identity/sso/index.ts";
import { db } from "../../lib/platform/db.ts";
import { uid } from "../helpers/factory.ts";
import { runCli } from "../helpers/cli.ts";
import { startIdp, type Idp } from "../helpers/oidc-idp.ts";

const TIMEOUT = 180_000; // each run starts node + tsx, slow on a busy machine
let idp: Idp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(() => idp.close());

describe("npm run cli -- sso", () => {
  it(
    "adds a provider (printing its redirect URI), lists, disables and removes it; an unknown host is refused",
    async () => {
      const host = `sso-cli-${uid()}.test`;
      const school = await createRootAccount({ name: `CLI SSO ${uid()}`, domain: host });
      const secret = `cli-secret-${uid()}`;
      const add = await runCli([
        "sso",
        "add",
        "--host",
        host,
        "--name",
        "Sign in with Test",
        "--issuer",
        idp.issuer,
        "--client-id",
        "cli-client",
        "--client-secret",
        secret,
        "--claim",
        "sis_id",
      ]);
      expect(add.stderr).toMatch(/Added provider \d+/);
      expect(add.code).toBe(0);
      const [provider] = await listSsoProviders(school.id);
      expect(provider).toMatchObject({ name: "Sign in with Test", claim: "sis_id", enabled: true });
      expect(add.stdout.trim()).toBe(
        `${await schoolOrigin(school.id)}/api/auth/callback/sso-${provider!.id}`,
      );
      const row = await db.ssoProvider.findUniqueOrThrow({ where: { id: provider!.id } });
      expect(row.clientSecretEncrypted).not.toContain(secret);

      const list = await runCli(["sso", "list", "--host", host]);
      expect(list.stdout).toContain(`${provider!.id}\tenabled\tSign in with Test\t${idp.issuer}`);
      expect(list.stdout).not.toContain(secret);

      expect((await runCli(["sso", "disable", "--host", host, "--id", String(provider!.id)])).code).toBe(0);
      expect((await listSsoProviders(school.id))[0]!.enabled).toBe(false);
      expect((await runCli(["sso", "remove", "--host", host, "--id", String(provider!.id)])).code).toBe(0);
      expect(await listSsoProviders(school.id)).toHaveLength(0);

      const typo = await runCli(["sso", "list", "--host", `no-such-${uid()}.test`]);
      expect(typo.code).toBe(1);
      expect(typo.stderr).toMatch(/No school answers/);
    },
    TIMEOUT,
  );
});
