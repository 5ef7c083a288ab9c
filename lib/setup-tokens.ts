import "server-only";
// The secret half of password-setup links (the design is at the top of password-setup.ts): making
// a token, and putting a fresh one into an email at the moment it is sent. Apart from mail.ts's
// delivery, only password-setup.ts and the admin's "new link" touch tokens.
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "./db.ts";

export const SETUP_LINK_LIFETIME_DAYS = 7;

/** What a setup email holds where its link goes, until the moment it is sent (and for ever in the outbox). */
export const SETUP_LINK_PLACEHOLDER = "[one-time link, added when this email is sent]";

export const setupDigest = (token: string) => createHash("sha256").update(token).digest("hex");

const lifetimeFromNow = () => new Date(Date.now() + SETUP_LINK_LIFETIME_DAYS * 86_400_000);

/** A new one-time setup secret: the token for the link, and the digest that is all we store. */
export function newSetupToken(): { token: string; digest: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return { token, digest: setupDigest(token), expiresAt: lifetimeFromNow() };
}

/** The page a setup link opens, without its token (kept with the email to be completed at send time). */
export function setupLinkBase(origin: string): string {
  return new URL("/set-password", process.env.APP_URL || origin).toString();
}

export function setupLinkWithToken(base: string, token: string): string {
  const link = new URL(base);
  link.searchParams.set("token", token);
  return link.toString();
}

/**
 * The text of a setup email as it is sent: the link's row gets a fresh token (its digest replaces
 * whatever was there, so a token of an earlier attempt stops working, and its 7 days start now)
 * and the placeholder becomes the link. Runs in the delivery's transaction, which holds the
 * email's row lock, so no two instances issue for the same email at once; if that transaction
 * rolls back, so does the rotation. Null when the link can no longer be issued: used, replaced
 * by a newer one (its row deleted), or its login gone.
 */
export async function completeSetupEmailInTx(
  tx: Tx,
  email: { text: string; setupLink: string; setupTokenId: number | null },
): Promise<string | null> {
  // The placeholder is the text's last one: names come before the link, nothing user-given after.
  const at = email.text.lastIndexOf(SETUP_LINK_PLACEHOLDER);
  if (email.setupTokenId === null || at < 0) return null;
  const { token, digest, expiresAt } = newSetupToken();
  const issued = await tx.passwordSetupToken.updateMany({
    where: { id: email.setupTokenId, usedAt: null, login: { workflowState: "active" } },
    data: { digest, expiresAt },
  });
  if (issued.count === 0) return null;
  const link = setupLinkWithToken(email.setupLink, token);
  return email.text.slice(0, at) + link + email.text.slice(at + SETUP_LINK_PLACEHOLDER.length);
}
