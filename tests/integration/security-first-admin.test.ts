// `npm run cli -- admin create`: how a real deployment gets its first admin — no known password,
// a one-time setup link on stdout — run as the child process an operator would start.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { completePasswordSetup, findPasswordSetup } from "../../lib/identity/password-setup.ts";
import { getAdminScope } from "../../lib/accounts/admin-scope.ts";
import { findLoginForSignIn } from "../../lib/identity/sign-in.ts";
import { verifyPassword } from "../../lib/identity/passwords.ts";
import { defaultRootAccount, uid } from "../helpers/factory.ts";

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args],
    { env: { ...process.env, APP_URL: "https://pairing.example.org" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const tokenOf = (stdout: string) => {
  expect(stdout).toMatch(/^https:\/\/pairing\.example\.org\/set-password\?token=[\w-]{40,}\n$/);
  return new URL(stdout.trim()).searchParams.get("token")!;
};

describe("npm run cli -- admin create", () => {
  it("makes the school and a password-less root admin, and prints a one-time link to choose one", async () => {
    // The test database is shared with the browser tests, whose school must stay the default:
    // with no root account at all, the CLI's school would become it (as on a fresh deployment).
    await defaultRootAccount();
    const school = `Springfield ${uid()}`;
    const email = `principal-${uid()}@springfield.test`;
    const first = await cli(["admin", "create", "--login", email, "--account", school]);
    expect(first.stderr).toContain(`is an admin of ${school}`);
    expect(first.code).toBe(0);
    const token = tokenOf(first.stdout);

    const account = await db.account.findFirstOrThrow({ where: { name: school, parentId: null } });
    const login = await findLoginForSignIn(email, account.id);
    expect(login).toMatchObject({ passwordHash: null }); // nothing has a known password
    expect((await getAdminScope(login!.userId)).rootAccountIds).toEqual([account.id]);
    expect(await findPasswordSetup(token)).toEqual({ email, purpose: "setup" });

    // Again (the link was lost): the same school and user, a new link, the old one dead.
    const again = await cli(["admin", "create", "--login", email.toUpperCase(), "--account", school]);
    expect(again.code).toBe(0);
    const newer = tokenOf(again.stdout);
    expect(newer).not.toBe(token);
    expect(await findPasswordSetup(token)).toBeNull();
    expect(await db.account.count({ where: { name: school } })).toBe(1);
    expect(await db.login.count({ where: { rootAccountId: account.id } })).toBe(1);

    // The link sets the password once; after that the command makes no more links.
    await completePasswordSetup({ token: newer, password: "a long chosen password", ip: null });
    expect(
      await verifyPassword(
        (await findLoginForSignIn(email, account.id))!.passwordHash,
        "a long chosen password",
      ),
    ).toBe(true);
    const after = await cli(["admin", "create", "--login", email, "--account", school]);
    expect(after).toMatchObject({ code: 0, stdout: "" });
    expect(after.stderr).toContain("already have a password: no setup link made");

    // A second admin of the same school joins it rather than making another.
    const deputy = `deputy-${uid()}@springfield.test`;
    const second = await cli([
      "admin",
      "create",
      "--login",
      deputy,
      "--account",
      school,
      "--name",
      "Dee Deputy",
    ]);
    expect(second.code).toBe(0);
    tokenOf(second.stdout);
    const deputyLogin = await findLoginForSignIn(deputy, account.id);
    expect((await getAdminScope(deputyLogin!.userId)).rootAccountIds).toEqual([account.id]);
    expect(await db.account.count({ where: { name: school } })).toBe(1);
  }, 240_000);

  it("needs --login and --account", async () => {
    const res = await cli(["admin", "create", "--login", `x-${uid()}@x.test`]);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe("");
    expect(res.stderr).toContain("--login and --account are both required.");
  }, 120_000);
});
