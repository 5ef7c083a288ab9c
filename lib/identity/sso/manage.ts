import "server-only";
// Changing a provider after it was added: switching it on or off (on only after a test sign-in
// succeeded, unless an operator says otherwise) and editing it (a change to how it signs people
// in switches it off until it is tested again).
import type { z } from "zod";
import { recordAudit } from "../../audit/index.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { fetchDiscovery } from "./discovery.ts";
import { ssoClaimFor, ssoProviderInputSchema, ssoProviderSelect, type SsoProviderDto } from "./providers.ts";
import { sealSecret } from "./secret-box.ts";
import { assertStaffKeepAWayIn } from "./password-policy.ts";

const noSuchProvider = () => new AppError("not_found", "No such sign-in provider at this school.");

export const UNTESTED_MESSAGE =
  "Run “Test sign-in” first: a provider is switched on only after a test sign-in with it succeeded.";

type Who = { actorId?: number | null; ip?: string | null };

/**
 * Switches a provider on or off. On needs a successful test sign-in with its current settings
 * (`untested`: the CLI's operator, who has no browser to test with, takes that on themself).
 */
export async function setSsoProviderEnabled(
  rootAccountId: number,
  id: number,
  enabled: boolean,
  opts: Who & { untested?: boolean } = {},
): Promise<SsoProviderDto> {
  return db.$transaction(async (tx) => {
    const row = await tx.ssoProvider.findFirst({ where: { id, rootAccountId }, select: ssoProviderSelect });
    if (!row) throw noSuchProvider();
    if (row.enabled === enabled) return row;
    if (enabled && !row.testedAt && !opts.untested) throw new AppError("conflict", UNTESTED_MESSAGE);
    if (!enabled) await assertStaffKeepAWayIn(tx, row);
    const after = await tx.ssoProvider.update({
      where: { id },
      data: { enabled },
      select: ssoProviderSelect,
    });
    await recordAudit(tx, {
      action: "sso.provider_changed",
      actorId: opts.actorId ?? null,
      rootAccountId,
      ip: opts.ip ?? null,
      data: { provider: row.name, summary: enabled ? "switched on" : "switched off", enabled },
    });
    return after;
  });
}

export const ssoProviderUpdateSchema = ssoProviderInputSchema
  .omit({ enabled: true, clientSecret: true })
  // Blank keeps the stored secret (it is never shown again).
  .extend({
    id: ssoProviderInputSchema.shape.rootAccountId,
    clientSecret: ssoProviderInputSchema.shape.clientSecret.optional(),
  });
export type SsoProviderUpdate = z.input<typeof ssoProviderUpdateSchema>;

/** Edits a provider; a change to its issuer, client, secret, claim or audience needs a new test. */
export async function updateSsoProvider(input: SsoProviderUpdate, opts: Who = {}): Promise<SsoProviderDto> {
  const data = ssoProviderUpdateSchema.parse(input);
  const current = await db.ssoProvider.findFirst({
    where: { id: data.id, rootAccountId: data.rootAccountId },
    select: ssoProviderSelect,
  });
  if (!current) throw noSuchProvider();
  const claim = ssoClaimFor(data);
  const changed = [
    current.name !== data.name && "label",
    current.issuer !== data.issuer && "issuer",
    current.clientId !== data.clientId && "client id",
    data.clientSecret && "secret",
    current.claim !== claim && "claim",
    current.forParents !== data.forParents && "who it is for",
  ].filter((c): c is string => Boolean(c));
  if (changed.length === 0) return current;
  if (current.issuer !== data.issuer) await fetchDiscovery(data.issuer);
  const retest = changed.some((c) => c !== "label");
  return db.$transaction(async (tx) => {
    if (retest && current.enabled) await assertStaffKeepAWayIn(tx, current);
    const after = await tx.ssoProvider.update({
      where: { id: current.id },
      data: {
        name: data.name,
        issuer: data.issuer,
        clientId: data.clientId,
        claim,
        forParents: data.forParents,
        ...(data.clientSecret && { clientSecretEncrypted: sealSecret(data.clientSecret) }),
        ...(retest && { testedAt: null, enabled: false }),
      },
      select: ssoProviderSelect,
    });
    await recordAudit(tx, {
      action: "sso.provider_changed",
      actorId: opts.actorId ?? null,
      rootAccountId: data.rootAccountId,
      ip: opts.ip ?? null,
      data: {
        provider: after.name,
        summary: `${changed.join(", ")} changed${retest && current.enabled ? "; switched off until tested again" : ""}`,
        changes: changed,
      },
    });
    return after;
  });
}
