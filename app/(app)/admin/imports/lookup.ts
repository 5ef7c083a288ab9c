import "server-only";
import type { Actor } from "@/lib/accounts/actor";
import { listEditableAccounts } from "@/lib/accounts/settings";
import { toAppError } from "@/lib/platform/errors";
import { getSisImport } from "@/lib/imports/imports";

/** The schools this admin may import into (root-account admins only), the signed-in one first. */
export async function importAccounts(actor: Actor): Promise<{ id: number; name: string }[]> {
  const accounts = await listEditableAccounts(actor);
  const first = (a: { id: number }) => (a.id === actor.domainRootAccountId ? 0 : 1);
  return accounts.sort((a, b) => first(a) - first(b)).map((a) => ({ id: a.id, name: a.name }));
}

/**
 * An import by id alone, as the page's URL names it: lib looks imports up within an account, so
 * each of the admin's schools is asked in turn (almost always one). Null when none has it.
 */
export async function findImport(actor: Actor, importId: number) {
  for (const account of await importAccounts(actor)) {
    try {
      return { accountId: account.id, imp: await getSisImport(actor, { accountId: account.id, importId }) };
    } catch (err) {
      if (toAppError(err)?.code !== "not_found") throw err;
    }
  }
  return null;
}
