import "server-only";
// A school's identity providers: added, listed and removed by an operator (the CLI) or a
// root-account admin (lib/identity/sso/admin.ts); read per request by Auth.js (lib/identity/auth.ts).
import { z } from "zod";
import { recordAudit } from "../../audit/index.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { fetchDiscovery } from "./discovery.ts";
import { openSecret, sealSecret } from "./secret-box.ts";
import { assertStaffKeepAWayIn } from "./password-policy.ts";

export const ssoProviderInputSchema = z.object({
  rootAccountId: z.number().int().positive(),
  name: z.string().trim().min(1, "Give the button a label.").max(120),
  issuer: z
    .string()
    .trim()
    .url("The issuer must be a URL.")
    .refine((u) => /^https:\/\//.test(u) || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(u), {
      message: "The issuer must use https (plain http only on this machine).",
    }),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  claim: z.string().trim().min(1).max(200).default("email"),
  enabled: z.boolean().default(true),
  /** For parents and guardians: matched by verified email to an observer's login only. */
  forParents: z.boolean().default(false),
});
export type SsoProviderInput = z.input<typeof ssoProviderInputSchema>;

/** What screens and the CLI show of a provider: never its secret. */
export const ssoProviderSelect = {
  id: true,
  rootAccountId: true,
  protocol: true,
  name: true,
  issuer: true,
  clientId: true,
  claim: true,
  enabled: true,
  forParents: true,
  testedAt: true,
} as const;
export type SsoProviderDto = {
  id: number;
  rootAccountId: number;
  protocol: "oidc";
  name: string;
  issuer: string;
  clientId: string;
  claim: string;
  enabled: boolean;
  forParents: boolean;
  testedAt: Date | null;
};

/** A parents' provider matches by verified email only (parents have no SIS id at the district). */
export function ssoClaimFor(data: { claim: string; forParents: boolean }): string {
  return data.forParents ? "email" : data.claim;
}

/**
 * Adds a provider after reading its discovery document (refused when it cannot be used); the same
 * issuer and client id again replaces the label, secret, claim and switch (a rotated secret).
 */
export async function addSsoProvider(
  input: SsoProviderInput,
  actorId: number | null = null,
): Promise<SsoProviderDto & { replaced: boolean }> {
  const data = ssoProviderInputSchema.parse(input);
  await fetchDiscovery(data.issuer);
  return db.$transaction(async (tx) => {
    const fields = {
      name: data.name,
      clientSecretEncrypted: sealSecret(data.clientSecret),
      claim: ssoClaimFor(data),
      forParents: data.forParents,
      enabled: data.enabled,
      // A new secret or claim has not been tried yet.
      testedAt: null,
    };
    const same = await tx.ssoProvider.findFirst({
      where: { rootAccountId: data.rootAccountId, issuer: data.issuer, clientId: data.clientId },
      select: { id: true },
    });
    const row = same
      ? await tx.ssoProvider.update({ where: { id: same.id }, data: fields, select: ssoProviderSelect })
      : await tx.ssoProvider.create({
          data: {
            ...fields,
            rootAccountId: data.rootAccountId,
            issuer: data.issuer,
            clientId: data.clientId,
          },
          select: ssoProviderSelect,
        });
    await recordAudit(tx, {
      action: "sso.provider_added",
      actorId,
      rootAccountId: row.rootAccountId,
      data: { provider: row.name, issuer: row.issuer, claim: row.claim, replaced: Boolean(same) },
    });
    return { ...row, replaced: Boolean(same) };
  });
}

export async function listSsoProviders(rootAccountId: number): Promise<SsoProviderDto[]> {
  return db.ssoProvider.findMany({
    where: { rootAccountId },
    orderBy: { id: "asc" },
    select: ssoProviderSelect,
  });
}

export async function removeSsoProvider(rootAccountId: number, id: number, actorId: number | null = null) {
  await db.$transaction(async (tx) => {
    const row = await tx.ssoProvider.findFirst({ where: { id, rootAccountId }, select: ssoProviderSelect });
    if (!row) throw new AppError("not_found", "No such sign-in provider at this school.");
    await assertStaffKeepAWayIn(tx, row);
    await tx.ssoProvider.delete({ where: { id } });
    await recordAudit(tx, {
      action: "sso.provider_removed",
      actorId,
      rootAccountId,
      data: { provider: row.name, issuer: row.issuer },
    });
  });
}

/** A school's providers with their secrets opened, for Auth.js only (disabled ones too: see auth.ts). */
export async function ssoProvidersForAuth(rootAccountId: number) {
  const rows = await db.ssoProvider.findMany({
    where: { rootAccountId },
    orderBy: { id: "asc" },
    select: { ...ssoProviderSelect, clientSecretEncrypted: true },
  });
  return rows.map(({ clientSecretEncrypted, ...row }) => ({
    ...row,
    clientSecret: openSecret(clientSecretEncrypted),
  }));
}
export type SsoProviderForAuth = Awaited<ReturnType<typeof ssoProvidersForAuth>>[number];

/** The sign-in page's buttons: a school's enabled providers (students and staff's, then parents'). */
export async function ssoButtons(
  rootAccountId: number,
): Promise<{ id: number; name: string; forParents: boolean }[]> {
  return db.ssoProvider.findMany({
    where: { rootAccountId, enabled: true },
    orderBy: { id: "asc" },
    select: { id: true, name: true, forParents: true },
  });
}

/** Auth.js's id for a provider (also the last segment of its redirect URI). */
export const authProviderId = (id: number) => `sso-${id}`;
export function providerIdFromAuthId(authId: string | undefined | null): number | null {
  const m = /^sso-(\d{1,9})$/.exec(authId ?? "");
  return m ? Number(m[1]) : null;
}

/** One enabled provider of a school (the start of a sign-in), or null. */
export async function enabledSsoProvider(rootAccountId: number, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const row = await db.ssoProvider.findFirst({
    where: { id, rootAccountId, enabled: true },
    select: { id: true, name: true },
  });
  return row ? { ...row, authId: authProviderId(row.id) } : null;
}
