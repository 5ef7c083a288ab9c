import "server-only";
// Admin → Settings → Sign-in: a root-account admin manages their school's providers through the
// same functions as the CLI (lib/identity/sso/providers.ts, manage.ts), authorized here.
import type { Actor } from "../../accounts/actor.ts";
import { requireRootAdminOf } from "../../accounts/admin-scope.ts";
import { schoolOrigin } from "../../accounts/origin.ts";
import { db } from "../../platform/db.ts";
import { setSsoProviderEnabled, updateSsoProvider, type SsoProviderUpdate } from "./manage.ts";
import {
  addSsoProvider,
  authProviderId,
  removeSsoProvider,
  ssoProviderSelect,
  type SsoProviderInput,
} from "./providers.ts";
import type { SsoTestResult } from "./test-sign-in.ts";

/** The school's sign-in setup as its admin sees it: providers (no secrets), their last tests, the password switch. */
export async function getSchoolSignIn(actor: Actor, rootAccountId: number) {
  await requireRootAdminOf(actor, rootAccountId);
  const school = await db.account.findUniqueOrThrow({
    where: { id: rootAccountId },
    select: { id: true, name: true, staffPasswordSignIn: true },
  });
  const origin = await schoolOrigin(rootAccountId);
  const rows = await db.ssoProvider.findMany({
    where: { rootAccountId },
    orderBy: { id: "asc" },
    select: { ...ssoProviderSelect, lastTest: true },
  });
  const providers = rows.map(({ lastTest, ...p }) => ({
    ...p,
    lastTest: (lastTest ?? null) as (SsoTestResult & { at: string }) | null,
    redirectUri: `${origin}/api/auth/callback/${authProviderId(p.id)}`,
  }));
  return { school, providers, postLogoutRedirectUri: `${origin}/login` };
}

/** Added switched off: it is switched on after a test sign-in succeeds. */
export async function addSchoolSsoProvider(actor: Actor, input: Omit<SsoProviderInput, "enabled">) {
  await requireRootAdminOf(actor, input.rootAccountId);
  return addSsoProvider({ ...input, enabled: false }, actor.userId);
}

export async function updateSchoolSsoProvider(actor: Actor, input: SsoProviderUpdate) {
  await requireRootAdminOf(actor, input.rootAccountId);
  return updateSsoProvider(input, { actorId: actor.userId, ip: actor.ip });
}

export async function enableSchoolSsoProvider(
  actor: Actor,
  input: { rootAccountId: number; id: number; enabled: boolean },
) {
  await requireRootAdminOf(actor, input.rootAccountId);
  return setSsoProviderEnabled(input.rootAccountId, input.id, input.enabled, {
    actorId: actor.userId,
    ip: actor.ip,
  });
}

export async function removeSchoolSsoProvider(actor: Actor, input: { rootAccountId: number; id: number }) {
  await requireRootAdminOf(actor, input.rootAccountId);
  await removeSsoProvider(input.rootAccountId, input.id, actor.userId);
}
