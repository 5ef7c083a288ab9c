import "server-only";
// "Test sign-in" on the admin page: the real authorization-code flow (PKCE, state, nonce, the ID
// token's iss/aud/nonce and signature checked by oauth4webapi, the library Auth.js itself uses),
// run outside Auth.js so the admin stays signed in as themself. The answer comes back to the
// provider's one registered redirect URI; a sealed cookie holding this test's state tells
// lib/identity/auth.ts to hand it here instead of to Auth.js. Nothing is remembered of the person
// who signed in at the provider: the test says what claim came back and which login it would match.
import * as oauth from "oauth4webapi";
import { recordAudit } from "../../audit/index.ts";
import type { Actor } from "../../accounts/actor.ts";
import { getAdminScope, requireRootAdminOf } from "../../accounts/admin-scope.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { previewSsoMatch, type SsoMatchPreview } from "./match.ts";
import { authProviderId, ssoProvidersForAuth } from "./providers.ts";
import { openSecret, sealSecret } from "./secret-box.ts";

export const SSO_TEST_COOKIE = "sso-test";
export const SSO_TEST_COOKIE_PATH = "/api/auth/callback";
const TEST_LIFETIME_MS = 10 * 60 * 1000;

type Pending = { p: number; a: number; u: number; s: string; n: string; v: string; r: string; e: number };

async function authorizationServer(issuer: string) {
  const url = new URL(issuer);
  const opts = { algorithm: "oidc" as const, [oauth.allowInsecureRequests]: url.protocol === "http:" };
  try {
    return await oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, opts));
  } catch {
    throw new AppError("unprocessable", `The issuer ${issuer} did not answer with its discovery document.`);
  }
}

const insecure = (issuer: string) => ({ [oauth.allowInsecureRequests]: issuer.startsWith("http:") });

/**
 * Starts a test sign-in with one of the school's providers (switched on or not): the provider's
 * authorization URL to send the admin to, and the sealed cookie that remembers this attempt.
 * `origin`: where the admin is (the provider sends the answer back there, as for a real sign-in).
 */
export async function startSsoTest(
  actor: Actor,
  input: { rootAccountId: number; id: number; origin: string },
): Promise<{ url: string; cookie: string; maxAgeSeconds: number }> {
  await requireRootAdminOf(actor, input.rootAccountId);
  const provider = (await ssoProvidersForAuth(input.rootAccountId)).find((p) => p.id === input.id);
  if (!provider) throw new AppError("not_found", "No such sign-in provider at this school.");
  const as = await authorizationServer(provider.issuer);
  if (!as.authorization_endpoint)
    throw new AppError("unprocessable", "The provider has no authorization endpoint.");
  const redirectUri = `${input.origin}${SSO_TEST_COOKIE_PATH}/${authProviderId(provider.id)}`;
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid email profile",
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    // Sign in afresh at the provider (as a test user), not with the admin's own open session there.
    prompt: "login",
  }).toString();
  const pending: Pending = {
    p: provider.id,
    a: input.rootAccountId,
    u: actor.userId,
    s: state,
    n: nonce,
    v: verifier,
    r: redirectUri,
    e: Date.now() + TEST_LIFETIME_MS,
  };
  return {
    url: url.href,
    cookie: sealSecret(JSON.stringify(pending)),
    maxAgeSeconds: TEST_LIFETIME_MS / 1000,
  };
}

/** The test this callback answers, if the cookie belongs to it (else it is a real sign-in). */
export function pendingSsoTest(cookie: string | undefined, callback: URL): Pending | null {
  if (!cookie) return null;
  try {
    const pending = JSON.parse(openSecret(cookie)) as Pending;
    return pending.s === callback.searchParams.get("state") && pending.e > Date.now() ? pending : null;
  } catch {
    return null;
  }
}

export type SsoTestResult = SsoMatchPreview & { ok: boolean; error?: string };

/**
 * Completes a test: exchanges the code, checks the ID token, previews the match, stores the
 * result on the provider (a match makes it testedAt, allowing it to be switched on), audits it.
 * Returns the admin page to land on.
 */
export async function finishSsoTest(pending: Pending, callback: URL, ip: string | null): Promise<string> {
  const back = `/admin/settings/sign-in?tested=${pending.p}#provider-${pending.p}`;
  // The admin who started it must still be one (the cookie is sealed, so these are ours).
  if (!(await getAdminScope(pending.u)).rootAccountIds.includes(pending.a)) return back;
  const provider = (await ssoProvidersForAuth(pending.a)).find((p) => p.id === pending.p);
  if (!provider) return back;
  let result: SsoTestResult;
  try {
    const as = await authorizationServer(provider.issuer);
    const client: oauth.Client = { client_id: provider.clientId };
    // A plain URL: oauth4webapi refuses Next's URL subclass (NextURL).
    const params = oauth.validateAuthResponse(as, client, new URL(callback.href), pending.s);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(provider.clientSecret),
      params,
      pending.r,
      pending.v,
      insecure(provider.issuer),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: pending.n,
      requireIdToken: true,
    });
    const claims = oauth.getValidatedIdTokenClaims(tokens) as Record<string, unknown>;
    const preview = await previewSsoMatch(provider, claims);
    result = { ...preview, ok: preview.outcome === "match" };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    result = {
      ok: false,
      claim: provider.claim,
      value: null,
      outcome: "protocol",
      error: message.slice(0, 300),
    };
  }
  await db.$transaction(async (tx) => {
    await tx.ssoProvider.update({
      where: { id: provider.id },
      data: {
        lastTest: { ...result, at: new Date().toISOString() },
        testedAt: result.ok ? new Date() : null,
      },
    });
    await recordAudit(tx, {
      action: "sso.provider_tested",
      actorId: pending.u,
      rootAccountId: pending.a,
      ip,
      data: {
        provider: provider.name,
        outcome: result.ok
          ? `${result.claim} ${String(result.value)} matched ${result.user?.login ?? "a login"}`
          : `no match (${result.error ?? result.outcome})`,
      },
    });
  });
  return back;
}
