import "server-only";
// Accounts made by an admin without a password (Canvas's `pseudonym[force_self_registration]`, or
// simply no password): the person gets an email with a one-time link to choose one. Without it
// the account could never be signed in to — the usual automation (create the parent, then pair)
// would leave families locked out.
import { createHash, randomBytes } from "node:crypto";
import { db, type Tx } from "./db.ts";
import { recordAudit } from "./audit.ts";
import { fieldError } from "./errors.ts";
import { queueEmailInTx } from "./mail.ts";
import { hashPassword, newPasswordProblem } from "./passwords.ts";

const LINK_LIFETIME_DAYS = 7;
const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new one-time setup secret: the token for the link, and the digest that is all we store. */
export function newSetupToken(): { token: string; digest: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  return { token, digest: digest(token), expiresAt: new Date(Date.now() + LINK_LIFETIME_DAYS * 86_400_000) };
}

/** The email carrying a setup link (the one wording, for one account or a bulk import). */
export function passwordSetupEmail(input: {
  token: string;
  name: string;
  schoolName: string;
  origin: string;
}) {
  const link = new URL("/set-password", process.env.APP_URL || input.origin);
  link.searchParams.set("token", input.token);
  return {
    subject: `Your ${input.schoolName} account is ready`,
    text: `Hello ${input.name},\n\n${input.schoolName} made you an account. Choose your password here (the link works once, for ${LINK_LIFETIME_DAYS} days):\n\n${link}\n\nIf you did not expect this, you can ignore this email.\n`,
  };
}

/** Makes a setup link for a login and queues the email carrying it, in the caller's transaction. */
export async function sendPasswordSetupInTx(
  tx: Tx,
  input: {
    loginId: number;
    email: string;
    name: string;
    schoolName: string;
    rootAccountId: number;
    origin: string;
  },
): Promise<void> {
  const { token, digest, expiresAt } = newSetupToken();
  await tx.passwordSetupToken.create({ data: { loginId: input.loginId, digest, expiresAt } });
  await queueEmailInTx(tx, {
    to: input.email,
    rootAccountId: input.rootAccountId,
    ...passwordSetupEmail({ ...input, token }),
  });
}

const INVALID_LINK = "This link has expired or was already used. Ask your school to send a new one.";

/** Who a setup link is for (to greet them on the page), or null when it cannot be used. */
export async function findPasswordSetup(token: string): Promise<{ email: string } | null> {
  if (!token || token.length > 100) return null;
  const row = await db.passwordSetupToken.findFirst({
    where: {
      digest: digest(token),
      usedAt: null,
      expiresAt: { gt: new Date() },
      login: { workflowState: "active" },
    },
    select: { login: { select: { uniqueId: true } } },
  });
  return row ? { email: row.login.uniqueId } : null;
}

/**
 * Sets the password through a setup link. The link is used up in the same statement that checks
 * it, so two submissions cannot both succeed; the new password follows the same rules as
 * registration. Returns the login to sign in with.
 */
export async function completePasswordSetup(input: {
  token: string;
  password: string;
  ip: string | null;
}): Promise<{ email: string }> {
  const setup = await findPasswordSetup(input.token);
  if (!setup) throw fieldError("token", INVALID_LINK);
  const problem = newPasswordProblem(input.password, setup.email);
  if (problem) throw fieldError("password", problem);
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ login_id: number }[]>`
      UPDATE password_setup_tokens SET used_at = now() AT TIME ZONE 'UTC'
       WHERE digest = ${digest(input.token)} AND used_at IS NULL AND expires_at > now() AT TIME ZONE 'UTC'
       RETURNING login_id`;
    if (!rows[0]) throw fieldError("token", INVALID_LINK);
    const login = await tx.login.update({
      where: { id: rows[0].login_id },
      data: { passwordHash },
      select: { userId: true, rootAccountId: true },
    });
    await recordAudit(tx, {
      action: "login.password_set",
      actorId: login.userId,
      subjectId: login.userId,
      rootAccountId: login.rootAccountId,
      ip: input.ip,
    });
  });
  return setup;
}
