import "server-only";
// The issuer's discovery document (OpenID Connect Discovery 1.0), read when a provider is added so
// a typo in the issuer or an endpoint that cannot do what Auth.js needs is refused then, not when
// the first student tries to sign in. Auth.js reads it again at each sign-in.
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";

const documentSchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  userinfo_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  end_session_endpoint: z.string().url().optional(),
});
export type DiscoveryDocument = z.infer<typeof documentSchema>;

export function discoveryUrl(issuer: string): URL {
  const url = new URL(issuer);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/.well-known/openid-configuration`;
  return url;
}

export async function fetchDiscovery(issuer: string): Promise<DiscoveryDocument> {
  let res: Response;
  try {
    res = await fetch(discoveryUrl(issuer), {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new AppError("unprocessable", `The issuer ${issuer} could not be reached.`);
  }
  if (!res.ok) throw new AppError("unprocessable", `The issuer's discovery document answered ${res.status}.`);
  const parsed = documentSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success)
    throw new AppError("unprocessable", "The issuer's discovery document is missing required endpoints.");
  // Tokens are checked against the configured issuer, so it must be exactly the one the provider names.
  if (new URL(parsed.data.issuer).href !== new URL(issuer).href)
    throw new AppError(
      "unprocessable",
      `The discovery document names the issuer ${parsed.data.issuer}, not ${issuer}.`,
    );
  const pkce = parsed.data.code_challenge_methods_supported;
  if (pkce && !pkce.includes("S256"))
    throw new AppError("unprocessable", "The provider does not support PKCE (S256).");
  return parsed.data;
}
