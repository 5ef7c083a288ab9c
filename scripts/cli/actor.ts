// Who the command line acts as. It runs with the server's authority, but the import functions
// take an actor and authorize it like any other caller, so the CLI names a real admin of the
// school: the one given with --as, else the school's first active root-account admin.
import { getDomainRootAccount } from "../../lib/accounts/accounts.ts";
import { loadActor, type Actor } from "../../lib/accounts/actor.ts";
import { db } from "../../lib/platform/db.ts";
import { getAdminScope } from "../../lib/accounts/admin-scope.ts";
import { findLoginForSignIn } from "../../lib/identity/sign-in.ts";

export type CliAccount = { id: number; name: string };

/** --account <id> (a root account), else the default root account (getDomainRootAccount). */
export async function rootAccountFor(option: string | undefined): Promise<CliAccount> {
  if (option === undefined) {
    const { id, name } = await getDomainRootAccount(null);
    return { id, name };
  }
  const id = /^\d+$/.test(option) ? Number(option) : NaN;
  if (!Number.isSafeInteger(id))
    throw new Error(`--account must be an account id (a number), not "${option}".`);
  const account = await db.account.findFirst({
    where: { id, workflowState: "active" },
    select: { id: true, name: true, parentId: true, rootAccountId: true },
  });
  if (!account) throw new Error(`No active account ${id}.`);
  if (account.parentId !== null)
    throw new Error(
      `Account ${id} (${account.name}) is a sub-account: imports are made in its root account, ${account.rootAccountId}.`,
    );
  return { id: account.id, name: account.name };
}

/** The root account an existing import belongs to. */
export async function importAccount(importId: number): Promise<CliAccount> {
  const found = await db.sisImport.findUnique({
    where: { id: importId },
    select: { rootAccount: { select: { id: true, name: true } } },
  });
  if (!found) throw new Error(`No import ${importId}.`);
  return found.rootAccount;
}

/** `--as <login>` when given (it must be an active admin of the root account itself), else the first one. */
export async function adminActor(account: CliAccount, login: string | undefined): Promise<Actor> {
  let userId: number;
  if (login) {
    const found = await findLoginForSignIn(login, account.id);
    if (!found) throw new Error(`No active login "${login}" in ${account.name} (account ${account.id}).`);
    if (!(await getAdminScope(found.userId)).rootAccountIds.includes(account.id))
      throw new Error(
        `"${login}" is not an admin of ${account.name} (account ${account.id}), so cannot import.`,
      );
    userId = found.userId;
  } else {
    const first = await db.accountAdmin.findFirst({
      where: { accountId: account.id, workflowState: "active", user: { workflowState: "active" } },
      orderBy: { id: "asc" },
      select: { userId: true },
    });
    if (!first)
      throw new Error(
        `${account.name} (account ${account.id}) has no active admin to import as: make one, or pass --as <admin login>.`,
      );
    userId = first.userId;
  }
  const actor = await loadActor(userId, { domainRootAccountId: account.id, ip: null, via: "token" });
  if (!actor) throw new Error(`The admin (user ${userId}) is not active.`);
  return actor;
}
