import "server-only";
// Auth.js configuration: credentials sign-in against our logins, JWT sessions holding only the user id.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDomainRootAccount } from "./accounts.ts";
import { burnPasswordCheck, verifyPassword } from "./passwords.ts";
import { findLoginForSignIn, recordSignIn } from "./sign-in.ts";
import { clientIp } from "./client-ip.ts";
import { AppError } from "./errors.ts";
import { signInLimits, throttledAttempt } from "./throttle.ts";

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
        const host = request.headers.get("host");
        const limits = signInLimits({ login: parsed.data.email, ip: clientIp(request.headers) });
        try {
          return await throttledAttempt(limits, async (attempt) => {
            const account = await getDomainRootAccount(host);
            const login = await findLoginForSignIn(parsed.data.email, account.id);
            if (!login) await burnPasswordCheck(parsed.data.password);
            if (!login || !(await verifyPassword(login.passwordHash, parsed.data.password))) {
              attempt.fail();
              throw new InvalidLogin();
            }
            await recordSignIn(login.id);
            return { id: String(login.userId) };
          });
        } catch (err) {
          if (err instanceof AppError && err.code === "rate_limited") throw new TooManyAttempts();
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user = { ...session.user, id: token.uid };
      return session;
    },
  },
});
