import "server-only";
// POST /api/v1/accounts/:id/users without a token: Canvas's parent self-registration, as the
// parent apps call it. The REST shape is translated to lib/pairing-codes/registration.ts's one function.
import { clientIp } from "../platform/client-ip.ts";
import { AppError, notFound, toAppError } from "../platform/errors.ts";
import { getDomainRootAccount } from "../accounts/accounts.ts";
import { registerObserver } from "../pairing-codes/registration.ts";
import { getUserJson } from "../users/index.ts";

type Input = {
  user: { name: string; initial_enrollment_type?: string };
  pseudonym: { unique_id: string; password?: string };
  pairing_code?: { code: string };
  challenge?: string;
};

// registerObserver names its fields as the sign-up form does; Canvas clients expect these.
const FIELD_NAMES: Record<string, string> = {
  name: "user[name]",
  unique_id: "pseudonym[unique_id]",
  password: "pseudonym[password]",
  pairing_code: "pairing_code[code]",
};

export async function selfRegisterObserver(
  req: Request,
  accountParam: string,
  input: Input,
): Promise<object> {
  const host = req.headers.get("host");
  const account = await getDomainRootAccount(host);
  // Registration happens in the host's institution; naming another account is not found.
  if (accountParam !== "self" && accountParam !== String(account.id)) throw notFound();
  if (input.user.initial_enrollment_type !== "observer") {
    throw new AppError(
      "forbidden",
      "Only observers (parents and guardians) may register themselves: send user[initial_enrollment_type]=observer.",
    );
  }
  try {
    const { userId } = await registerObserver({
      host,
      ip: clientIp(req.headers),
      name: input.user.name,
      unique_id: input.pseudonym.unique_id,
      password: input.pseudonym.password ?? "",
      pairing_code: input.pairing_code?.code ?? "",
      challenge: input.challenge,
    });
    return getUserJson(userId);
  } catch (err) {
    const e = toAppError(err);
    if (!e?.fieldErrors) throw err;
    const fieldErrors = Object.fromEntries(
      Object.entries(e.fieldErrors).map(([k, v]) => [FIELD_NAMES[k] ?? k, v]),
    );
    throw new AppError(e.code, e.message, { fieldErrors, retryAfter: e.retryAfter });
  }
}
