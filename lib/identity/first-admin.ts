import "server-only";
// How a real deployment gets its first admin (`npm run cli -- admin create`): the school's root
// account (made when none has that name) and an admin login without a password, plus a one-time
// link to choose one. Nothing here has a known password — the demo data, which does, loads only
// in embedded mode or on request (scripts/lib/demo-data.mjs). The command line acts with the
// server's own authority, so there is no actor to authorize; the audit event says "cli".
import { db } from "../platform/db.ts";
import { recordAudit } from "../audit/events.ts";
import { AppError } from "../platform/errors.ts";
import { createRootAccount, makeAccountAdmin } from "../accounts/provisioning.ts";
import { createUserWithLogin } from "./provisioning.ts";
import { newSetupToken, setupLinkBase, setupLinkWithToken } from "../mail/one-time-links.ts";

export type BootstrappedAdmin = {
  account: { id: number; name: string; created: boolean };
  user: { id: number; created: boolean };
  /** Null when the login already has a password (setup links are for new accounts). */
  setup: { link: string; expiresAt: Date } | null;
};

export async function bootstrapAdmin(input: {
  login: string;
  accountName: string;
  name?: string;
}): Promise<BootstrappedAdmin> {
  const uniqueId = input.login.trim();
  const accountName = input.accountName.trim();
  if (!uniqueId || uniqueId.length > 254 || /\s/.test(uniqueId))
    throw new AppError("bad_request", "The login must be an email (or other login) without spaces.");
  if (!accountName || accountName.length > 255)
    throw new AppError("bad_request", "The school's name must be 1 to 255 characters.");

  return db.$transaction(async (tx) => {
    // One at a time: two runs at once must not both make the school.
    await tx.$queryRaw`SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('bootstrap-admin'))) AS l`;
    const named = await tx.account.findMany({
      where: { name: accountName, parentId: null, workflowState: "active" },
      select: { id: true, name: true },
      take: 2,
    });
    if (named.length > 1)
      throw new AppError("conflict", `Several schools are named "${accountName}": rename one first.`);
    let account = named[0];
    const accountCreated = !account;
    if (!account) {
      // The first school answers every host name, as the demo's does (getDomainRootAccount).
      const hasDefault = (await tx.account.count({ where: { isDefault: true, parentId: null } })) > 0;
      account = await createRootAccount({ name: accountName, isDefault: !hasDefault }, tx);
    }

    const findLogin = () =>
      tx.login.findFirst({
        where: { rootAccountId: account.id, uniqueIdNormalized: uniqueId.toLowerCase() },
        select: {
          id: true,
          userId: true,
          passwordHash: true,
          workflowState: true,
          user: { select: { workflowState: true } },
        },
      });
    let login = await findLogin();
    if (login && (login.workflowState !== "active" || login.user.workflowState !== "active"))
      throw new AppError("conflict", `The login "${uniqueId}" exists in ${account.name} but is not active.`);
    const userCreated = !login;
    if (!login) {
      await createUserWithLogin(
        { name: input.name?.trim() || uniqueId, uniqueId, rootAccountId: account.id },
        tx,
      );
      login = (await findLogin())!;
    }
    await makeAccountAdmin({ accountId: account.id, userId: login.userId }, tx);

    let setup: BootstrappedAdmin["setup"] = null;
    if (login.passwordHash === null) {
      // One live link per login, as an admin's "New setup link" does (lib/identity/setup-links.ts).
      await tx.passwordSetupToken.deleteMany({ where: { loginId: login.id, usedAt: null } });
      const { token, digest, expiresAt } = newSetupToken();
      await tx.passwordSetupToken.create({ data: { loginId: login.id, digest, expiresAt } });
      setup = { link: setupLinkWithToken(await setupLinkBase(account.id, "setup", tx), token), expiresAt };
      await recordAudit(tx, {
        action: "login.setup_link_shown",
        subjectId: login.userId,
        rootAccountId: account.id,
        data: { loginId: login.id, via: "cli", accountCreated, userCreated },
      });
    }
    return {
      account: { id: account.id, name: account.name, created: accountCreated },
      user: { id: login.userId, created: userCreated },
      setup,
    };
  });
}
