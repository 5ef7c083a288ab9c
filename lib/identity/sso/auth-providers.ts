import "server-only";
// A school's providers as Auth.js providers, and what Auth.js's callbacks do with them. Auth.js
// runs the protocol: authorization code with PKCE, state and nonce, the issuer's keys, and the ID
// token's `iss`, `aud` and nonce checked against this provider's configuration.
import type { OIDCConfig } from "next-auth/providers";
import { db } from "../../platform/db.ts";
import { matchSsoSignIn, recordSsoRefusal, type SsoRefusal } from "./match.ts";
import { authProviderId, providerIdFromAuthId, type SsoProviderForAuth } from "./providers.ts";

export const SSO_REFUSED_PAGE = "/login/refused";

export function toAuthProvider(p: SsoProviderForAuth): OIDCConfig<Record<string, unknown>> {
  return {
    id: authProviderId(p.id),
    name: p.name,
    type: "oidc",
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // Only the claims matter (lib/identity/sso/match.ts); Auth.js replaces the id anyway.
    profile: (claims) => ({ name: typeof claims.name === "string" ? claims.name : null }),
  };
}

export const refusedUrl = (reason: SsoRefusal) => `${SSO_REFUSED_PAGE}?reason=${reason}`;

/**
 * Auth.js's signIn callback for a provider's answer: the matched user (set on Auth.js's user,
 * which its jwt callback receives next), or the refusal page's address.
 */
export async function ssoSignInCallback(input: {
  providers: SsoProviderForAuth[];
  authProviderId: string | undefined;
  user: { id?: string; rootAccountId?: number };
  claims: Record<string, unknown> | undefined;
  ip: string | null;
}): Promise<true | string> {
  const id = providerIdFromAuthId(input.authProviderId);
  const provider = input.providers.find((p) => p.id === id);
  if (!provider || !input.claims) return refusedUrl("protocol");
  const match = await matchSsoSignIn({ provider, claims: input.claims, ip: input.ip });
  if (!match.ok) return refusedUrl(match.reason);
  input.user.id = String(match.userId);
  input.user.rootAccountId = provider.rootAccountId;
  return true;
}

/**
 * Auth.js refused a provider's answer before our callback saw it (a replayed or missing state, a
 * nonce or issuer that does not match, an unknown provider at this school): audited here, since
 * Auth.js only logs it.
 */
export async function recordSsoProtocolFailure(input: {
  rootAccountId: number;
  providers: SsoProviderForAuth[];
  authProviderId: string | undefined;
  error: unknown;
  ip: string | null;
}) {
  const id = providerIdFromAuthId(input.authProviderId);
  const provider = input.providers.find((p) => p.id === id) ?? null;
  const err = input.error as { type?: string; message?: string; cause?: { err?: { message?: string } } };
  const detail = [err?.type, err?.cause?.err?.message ?? err?.message].filter(Boolean).join(": ");
  await recordSsoRefusal(db, {
    rootAccountId: input.rootAccountId,
    provider: provider ? { id: provider.id, name: provider.name } : null,
    reason: "protocol",
    ip: input.ip,
    detail: provider
      ? detail
      : `${input.authProviderId ?? "no provider"} is not a provider of this school. ${detail}`,
  });
}
