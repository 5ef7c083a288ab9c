import "server-only";
// "Sign in" from a registration page opened with a code (a QR link): the parent already has an
// account, signs in, and the code is redeemed at once — every family with a second child. The
// sign-in form's action has no session yet in its own request, so this checks the password
// itself (the same throttled check as signing in) rather than trusting the caller.
import type { Actor } from "../accounts/actor.ts";
import { loadActor } from "../accounts/actor.ts";
import { getDomainRootAccountId } from "../accounts/accounts.ts";
import { unauthorized } from "../platform/errors.ts";
import { signInWithPassword } from "../identity/sign-in.ts";
import type { UserJson } from "../users/index.ts";
import { redeemPairingCode } from "./redeem.ts";

export async function redeemCodeWithPassword(input: {
  login: string;
  password: string;
  code: string;
  host: string | null;
  ip: string | null;
}): Promise<UserJson> {
  const user = await signInWithPassword(input);
  const actor: Actor | null = user
    ? await loadActor(user.userId, {
        domainRootAccountId: await getDomainRootAccountId(input.host),
        ip: input.ip,
        via: "session",
      })
    : null;
  if (!actor) throw unauthorized();
  return redeemPairingCode(actor, { observerId: actor.userId, code: input.code, method: "qr" });
}
