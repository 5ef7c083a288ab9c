import "server-only";
// Creating schools (root and sub-accounts) and their admins, with no authorization of its own:
// the first admin, the seed and tests call these.
import { db, type Tx } from "../platform/db.ts";
import type { SelfRegistration } from "../platform/generated/prisma/client.ts";

export async function createRootAccount(
  input: {
    name: string;
    domain?: string | null;
    isDefault?: boolean;
    selfRegistration?: SelfRegistration;
    pairingCodeLifetimeMinutes?: number;
    teachersMayGenerateCodes?: boolean;
    teachersMayLinkObservers?: boolean;
    observerContact?: string | null;
    studentsMayRemoveObservers?: boolean;
  },
  tx: Tx = db,
) {
  return tx.account.create({ data: { ...input }, select: { id: true, name: true } });
}

export async function createSubAccount(input: { name: string; parentId: number }, tx: Tx = db) {
  const parent = await tx.account.findUniqueOrThrow({
    where: { id: input.parentId },
    select: { id: true, rootAccountId: true },
  });
  return tx.account.create({
    data: { name: input.name, parentId: parent.id, rootAccountId: parent.rootAccountId ?? parent.id },
    select: { id: true, name: true, rootAccountId: true },
  });
}

export async function makeAccountAdmin(input: { accountId: number; userId: number }, tx: Tx = db) {
  return tx.accountAdmin.upsert({
    where: {
      accountId_userId_role: { accountId: input.accountId, userId: input.userId, role: "AccountAdmin" },
    },
    create: { accountId: input.accountId, userId: input.userId },
    update: { workflowState: "active" },
    select: { id: true },
  });
}
