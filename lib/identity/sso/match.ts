import "server-only";
// Which login an identity provider's answer signs in. Nobody is created here: a student or member
// of staff without a login at this school is told to ask the school (districts provision accounts
// through their SIS, and an IdP account alone says nothing about enrollments or roles).
import { recordAudit } from "../../audit/index.ts";
import { db, type Tx } from "../../platform/db.ts";
import { roleWhere } from "../../users/roles.ts";

export type SsoRefusal = "disabled" | "email_unverified" | "missing_claim" | "unknown_user" | "protocol";

export type SsoMatch = { ok: true; userId: number; loginId: number } | { ok: false; reason: SsoRefusal };

type Provider = {
  id: number;
  rootAccountId: number;
  name: string;
  claim: string;
  enabled: boolean;
  forParents?: boolean;
};

/**
 * The logins a provider may sign in: active ones of its school; for a parents' provider only a
 * parent's or guardian's (an observer there who is no student, teacher or admin), so a consumer
 * Google account can never open a student's or staff member's login.
 */
function eligibleLogin(provider: Provider) {
  const roots = [provider.rootAccountId];
  const user = provider.forParents
    ? {
        workflowState: "active" as const,
        AND: [
          roleWhere("observer", roots),
          { NOT: roleWhere("student", roots) },
          { NOT: roleWhere("teacher", roots) },
          { NOT: roleWhere("admin", roots) },
        ],
      }
    : { workflowState: "active" as const };
  return { rootAccountId: provider.rootAccountId, workflowState: "active" as const, user };
}

/**
 * The claim's value and the login it names, in the provider's own school only. `email` counts only
 * when the provider says it verified it (anyone may type any address into a consumer account);
 * any other claim, `sub` included, is compared with the login's SIS id.
 */
async function loginByClaim(tx: Pick<Tx, "login">, provider: Provider, claims: Record<string, unknown>) {
  const value = claims[provider.claim];
  if (typeof value !== "string" && typeof value !== "number") return { reason: "missing_claim" as const };
  if (provider.claim === "email") {
    if (claims.email_verified !== true) return { reason: "email_unverified" as const };
    const login = await tx.login.findFirst({
      where: {
        ...eligibleLogin(provider),
        uniqueIdNormalized: String(value).trim().toLowerCase(),
      },
      select: { id: true, userId: true },
    });
    return login ? { login } : { reason: "unknown_user" as const };
  }
  const login = await tx.login.findFirst({
    where: { ...eligibleLogin(provider), sisUserId: String(value) },
    select: { id: true, userId: true },
  });
  return login ? { login } : { reason: "unknown_user" as const };
}

/** Matches an ID token's claims to a login of the provider's school, remembers `sub`, audits the outcome. */
export async function matchSsoSignIn(input: {
  provider: Provider;
  claims: Record<string, unknown>;
  ip: string | null;
}): Promise<SsoMatch> {
  const { provider, claims, ip } = input;
  const sub = typeof claims.sub === "string" ? claims.sub : null;
  return db.$transaction(async (tx) => {
    const refuse = async (reason: SsoRefusal): Promise<SsoMatch> => {
      await recordSsoRefusal(tx, { rootAccountId: provider.rootAccountId, provider, reason, ip, claims });
      return { ok: false, reason };
    };
    if (!provider.enabled) return refuse("disabled");
    if (!sub) return refuse("missing_claim");
    // A remembered subject wins over the claim, so a later change of email at the provider (or
    // someone else taking over the old address) does not move the identity.
    const known = await rememberedLogin(tx, provider, sub);
    let login: { id: number; userId: number } | null = null;
    if (known) {
      if (!known.login) return refuse("unknown_user");
      login = known.login;
    } else {
      const found = await loginByClaim(tx, provider, claims);
      if (!("login" in found) || !found.login) return refuse(found.reason ?? "unknown_user");
      login = found.login;
      await tx.ssoSubject.upsert({
        where: { providerId_subject: { providerId: provider.id, subject: sub } },
        create: { providerId: provider.id, subject: sub, loginId: login.id },
        update: {},
      });
    }
    await tx.login.update({ where: { id: login.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(tx, {
      action: "login.signed_in",
      actorId: login.userId,
      subjectId: login.userId,
      rootAccountId: provider.rootAccountId,
      ip,
      data: { via: "sso", provider: provider.name, providerId: provider.id },
    });
    return { ok: true, userId: login.userId, loginId: login.id };
  });
}

/** The login a remembered `sub` names, if it is still one this provider may sign in. */
async function rememberedLogin(tx: Pick<Tx, "ssoSubject" | "login">, provider: Provider, sub: string) {
  const known = await tx.ssoSubject.findUnique({
    where: { providerId_subject: { providerId: provider.id, subject: sub } },
    select: { loginId: true },
  });
  if (!known) return null;
  const login = await tx.login.findFirst({
    where: { id: known.loginId, ...eligibleLogin(provider) },
    select: { id: true, userId: true },
  });
  return { login };
}

export type SsoMatchPreview = {
  claim: string;
  value: string | null;
  outcome: "match" | SsoRefusal;
  user?: { id: number; name: string; login: string };
};

/**
 * What a sign-in with these claims would do, without doing it (the admin page's test sign-in):
 * the configured claim's value and the login it would match, or why it would be refused.
 */
export async function previewSsoMatch(
  provider: Provider,
  claims: Record<string, unknown>,
): Promise<SsoMatchPreview> {
  const raw = claims[provider.claim];
  const value = typeof raw === "string" || typeof raw === "number" ? String(raw) : null;
  const base = { claim: provider.claim, value };
  const sub = typeof claims.sub === "string" ? claims.sub : null;
  if (!sub) return { ...base, outcome: "missing_claim" };
  const known = await rememberedLogin(db, provider, sub);
  const found = known ? known : await loginByClaim(db, provider, claims);
  if (!("login" in found) || !found.login)
    return { ...base, outcome: ("reason" in found && found.reason) || "unknown_user" };
  const login = await db.login.findUniqueOrThrow({
    where: { id: found.login.id },
    select: { uniqueId: true, user: { select: { id: true, name: true } } },
  });
  return {
    ...base,
    outcome: "match",
    user: { id: login.user.id, name: login.user.name, login: login.uniqueId },
  };
}

/** A refused single sign-on, with what the provider said (so an admin can see who tried). */
export async function recordSsoRefusal(
  tx: Pick<Tx, "auditEvent">,
  input: {
    rootAccountId: number;
    provider: { id: number; name: string } | null;
    reason: SsoRefusal;
    ip: string | null;
    claims?: Record<string, unknown>;
    detail?: string;
  },
) {
  const claims = input.claims ?? {};
  const said = (k: string) =>
    typeof claims[k] === "string" ? (claims[k] as string).slice(0, 200) : undefined;
  await recordAudit(tx, {
    action: "login.sso_refused",
    rootAccountId: input.rootAccountId,
    ip: input.ip,
    data: {
      provider: input.provider?.name ?? null,
      providerId: input.provider?.id ?? null,
      reason: input.reason,
      ...(said("sub") && { sub: said("sub") }),
      ...(said("email") && { email: said("email") }),
      ...(input.detail && { detail: input.detail.slice(0, 200) }),
    },
  });
}
