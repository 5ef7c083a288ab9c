import "server-only";
// Client secrets of identity providers must be sent back to the provider, so they are encrypted
// (not digested like every other secret here): AES-256-GCM under a key derived from AUTH_SECRET,
// so a database dump alone does not reveal them. Rotating AUTH_SECRET means entering each
// provider's secret again (`sso add` with the same issuer and client id replaces it).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../../platform/env.ts";

const VERSION = "v1";

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "", "sso-client-secret", 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url. */
export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Unreadable sealed secret.");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
