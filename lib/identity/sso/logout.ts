import "server-only";
// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): after the local session ends, the
// provider's own session too, where its discovery document names an end_session_endpoint — so a
// student on a shared school computer is not signed straight back in by the next person's click.
import { fetchDiscovery } from "./discovery.ts";
import { providerIdFromAuthId } from "./providers.ts";
import { db } from "../../platform/db.ts";

/**
 * Where the browser goes to end the provider's session (then back to `returnTo`), or null when
 * the sign-in was not with a provider or the provider offers no logout endpoint.
 */
export async function providerLogoutUrl(input: {
  idToken: unknown;
  authProviderId: unknown;
  returnTo: string;
}): Promise<string | null> {
  if (typeof input.idToken !== "string" || typeof input.authProviderId !== "string") return null;
  const id = providerIdFromAuthId(input.authProviderId);
  if (!id) return null;
  const provider = await db.ssoProvider.findUnique({
    where: { id },
    select: { issuer: true, clientId: true },
  });
  if (!provider) return null;
  const endpoint = await fetchDiscovery(provider.issuer)
    .then((d) => d.end_session_endpoint)
    .catch(() => undefined);
  if (!endpoint) return null;
  const url = new URL(endpoint);
  url.searchParams.set("id_token_hint", input.idToken);
  url.searchParams.set("post_logout_redirect_uri", input.returnTo);
  url.searchParams.set("client_id", provider.clientId);
  return url.href;
}
