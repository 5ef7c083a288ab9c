import "server-only";
// Auth.js configuration: credentials sign-in against our logins, JWT sessions holding only the user
// id and the user's session version (a JWT cannot be deleted, so a password change raises the
// version and every older session stops being accepted: lib/accounts/actor.ts).
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { signInWithPassword } from "./sign-in.ts";
import { clientIp } from "../platform/client-ip.ts";
import { AppError } from "../platform/errors.ts";
import { BUSY_MESSAGE } from "./passwords.ts";
import { THROTTLED_MESSAGE } from "./throttle/index.ts";
import { sessionVersionOf } from "../accounts/actor.ts";

declare module "next-auth" {
  interface Session {
    /** The user's session version when this session signed in (see lib/accounts/actor.ts). */
    sv?: number;
  }
}

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

/** What the sign-in form says when Auth.js refuses: a wrong password, a throttle, or a busy server. */
export function signInErrorMessage(err: AuthError): string {
  const code = err instanceof CredentialsSignin ? err.code : null;
  if (code === "throttled") return THROTTLED_MESSAGE;
  if (code === "busy") return BUSY_MESSAGE;
  return "That email and password do not match an account here.";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
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
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = await sessionVersionOf(Number(user.id));
      }
      // The school the session was signed in at: it is a credential there only (lib/identity/session.ts).
      if (user?.rootAccountId) token.aid = user.rootAccountId;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string")
        session.user = {
          ...session.user,
          id: token.uid,
          rootAccountId: typeof token.aid === "number" ? token.aid : undefined,
        };
      // Sessions from before versions existed count as version 0 (every user's first).
      return { ...session, sv: typeof token.sv === "number" ? token.sv : 0 };
    },
  },
});

declare module "next-auth" {
  interface User {
    /** The school (root account) the session was signed in at. */
    rootAccountId?: number;
  }
}
