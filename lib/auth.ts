import "server-only";
// Auth.js configuration: credentials sign-in against our logins, JWT sessions holding only the user id.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDomainRootAccount } from "./accounts.ts";
import { burnPasswordCheck, verifyPassword } from "./passwords.ts";
import { findLoginForSignIn, recordSignIn } from "./users.ts";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email or login.").max(254),
  password: z.string().min(1, "Enter your password.").max(1024),
});

class InvalidLogin extends CredentialsSignin {
  code = "invalid_login";
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
        const account = await getDomainRootAccount(host);
        const login = await findLoginForSignIn(parsed.data.email, account.id);
        if (!login) {
          await burnPasswordCheck(parsed.data.password);
          throw new InvalidLogin();
        }
        if (!(await verifyPassword(login.passwordHash, parsed.data.password))) throw new InvalidLogin();
        await recordSignIn(login.id);
        return { id: String(login.userId) };
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
