import "server-only";
// The secret half of one-time links (the design is at the top of password-setup.ts): making
// a token, and putting a fresh one into an email at the moment it is sent. The one mechanism for
// every emailed secret: a first password (setup), a forgotten one (reset, short-lived) and
// confirming an email address (verify_email). Apart from the mail delivery (delivery.ts), only
// password-setup.ts, password-reset.ts, email-verification.ts and the admin's "new link" touch tokens.
import { createHash, randomBytes } from "node:crypto";
import { db, type Tx } from "../platform/db.ts";
import type { OneTimeLinkPurpose } from "../platform/generated/prisma/client.ts";
import { schoolOrigin } from "../accounts/origin.ts";

export const SETUP_LINK_LIFETIME_DAYS = 7;

/** How long each kind of link works once issued: a reset link is a live key to an existing account. */
export const LINK_LIFETIME_MINUTES: Record<OneTimeLinkPurpose, number> = {
  setup: SETUP_LINK_LIFETIME_DAYS * 1440,
  reset: 60,
  verify_email: SETUP_LINK_LIFETIME_DAYS * 1440,
};

/** The page each kind of link opens. */
export const LINK_PAGE: Record<OneTimeLinkPurpose, string> = {
  setup: "/set-password",
  reset: "/set-password",
  verify_email: "/verify-email",
};

/** What a setup email holds where its link goes, until the moment it is sent (and for ever in the outbox). */
export const SETUP_LINK_PLACEHOLDER = "[one-time link, added when this email is sent]";

export const setupDigest = (token: string) => createHash("sha256").update(token).digest("hex");

const lifetimeFromNow = (purpose: OneTimeLinkPurpose) =>
  new Date(Date.now() + LINK_LIFETIME_MINUTES[purpose] * 60_000);

/** A new one-time secret: the token for the link, and the digest that is all we store. */
export function newSetupToken(purpose: OneTimeLinkPurpose = "setup"): {
  token: string;
  digest: string;
  expiresAt: Date;
} {
  const token = randomBytes(32).toString("base64url");
  return { token, digest: setupDigest(token), expiresAt: lifetimeFromNow(purpose) };
}

/**
 * The page a link about a school opens, without its token (kept with the email to be completed at
 * send time): on the school's canonical origin, whatever address the request that asked for it named.
 */
export async function setupLinkBase(
  rootAccountId: number,
  purpose: OneTimeLinkPurpose = "setup",
  client: Tx | typeof db = db,
): Promise<string> {
  return new URL(LINK_PAGE[purpose], await schoolOrigin(rootAccountId, client)).toString();
}

export function setupLinkWithToken(base: string, token: string): string {
  const link = new URL(base);
  link.searchParams.set("token", token);
  return link.toString();
}

/**
 * The text of a setup email as it is sent: the link's row gets a fresh token (its digest replaces
 * whatever was there, so a token of an earlier attempt stops working, and its lifetime starts now)
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
  const row = await tx.passwordSetupToken.findUnique({
    where: { id: email.setupTokenId },
    select: { purpose: true },
  });
  if (!row) return null;
  const { token, digest, expiresAt } = newSetupToken(row.purpose);
  const issued = await tx.passwordSetupToken.updateMany({
    where: { id: email.setupTokenId, usedAt: null, login: { workflowState: "active" } },
    data: { digest, expiresAt },
  });
  if (issued.count === 0) return null;
  const link = setupLinkWithToken(email.setupLink, token);
  return email.text.slice(0, at) + link + email.text.slice(at + SETUP_LINK_PLACEHOLDER.length);
}
