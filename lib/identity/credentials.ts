import "server-only";
// Password sign-in as an Auth.js provider (lib/identity/auth.ts): the form's schema, the refusals
// Auth.js carries back to the form by code, and what the form says for each.
import { type AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { clientIp } from "../platform/client-ip.ts";
import { AppError } from "../platform/errors.ts";
import { BUSY_MESSAGE } from "./passwords.ts";
import { signInWithPassword } from "./sign-in.ts";
import { passwordOffMessage } from "./sso/password-policy.ts";
import { THROTTLED_MESSAGE } from "./throttle/index.ts";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email or login.").max(254),
  password: z.string().min(1, "Enter your password.").max(1024),
});

class InvalidLogin extends CredentialsSignin {
  code = "invalid_login";
}

class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
}

class Busy extends CredentialsSignin {
  code = "busy";
}

class PasswordOff extends CredentialsSignin {
  code = "password_off";
}

/**
 * What the sign-in form says when Auth.js refuses: a wrong password, a throttle, a busy server,
 * or passwords switched off for this student or staff member (naming the school's buttons).
 */
export async function credentialsErrorMessage(
  err: AuthError,
  school: () => Promise<number | null>,
): Promise<string> {
  const code = err instanceof CredentialsSignin ? err.code : null;
  if (code === "throttled") return THROTTLED_MESSAGE;
  if (code === "busy") return BUSY_MESSAGE;
  if (code === "password_off") {
    const rootAccountId = await school();
    if (rootAccountId) return passwordOffMessage(rootAccountId);
  }
  return "That email and password do not match an account here.";
}

export const credentials = Credentials({
  credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
  async authorize(credentials, request) {
    const parsed = signInSchema.safeParse(credentials);
    if (!parsed.success) throw new InvalidLogin();
    try {
      const user = await signInWithPassword({
        login: parsed.data.email,
        password: parsed.data.password,
        host: request.headers.get("host"),
        ip: clientIp(request.headers),
      });
      if (!user) throw new InvalidLogin();
      return { id: String(user.userId), rootAccountId: user.rootAccountId };
    } catch (err) {
      if (err instanceof AppError && err.code === "rate_limited")
        throw err.message === BUSY_MESSAGE ? new Busy() : new TooManyAttempts();
      if (err instanceof AppError && err.code === "forbidden") throw new PasswordOff();
      throw err;
    }
  },
});
