import "server-only";
import { db } from "./db.ts";
import { AppError } from "./errors.ts";

export const accountSettingsSelect = {
  id: true,
  name: true,
  selfRegistration: true,
  pairingCodeLifetimeMinutes: true,
  studentsMayRemoveObservers: true,
  teachersMayGenerateCodes: true,
} as const;

/**
 * The root account answering this host: the one whose `domain` matches, else the default one.
 * Canvas calls it the domain root account; absent `root_account_id` parameters mean this one.
 */
export async function getDomainRootAccount(host?: string | null) {
  const hostname = host?.split(":")[0]?.toLowerCase();
  const account =
    (hostname &&
      (await db.account.findFirst({ where: { domain: hostname, parentId: null, workflowState: "active" }, select: accountSettingsSelect }))) ||
    (await db.account.findFirst({ where: { isDefault: true, parentId: null }, select: accountSettingsSelect })) ||
    (await db.account.findFirst({ where: { parentId: null, workflowState: "active" }, orderBy: { id: "asc" }, select: accountSettingsSelect }));
  if (!account) throw new AppError("not_found", "No root account is set up yet: run the seed or create one.");
  return account;
}

export async function getRootAccountSettings(rootAccountId: number) {
  const account = await db.account.findFirst({ where: { id: rootAccountId, parentId: null }, select: accountSettingsSelect });
  if (!account) throw new AppError("not_found", "The specified resource does not exist.");
  return account;
}
