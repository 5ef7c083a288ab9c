import "server-only";
// Auth.js configuration: credentials sign-in against our logins, and the host's school's OpenID
// Connect providers (resolved per request: a school's providers exist only on its own hosts, so
// an answer from school A's provider cannot complete at school B). JWT sessions hold only the
// user id and the user's session version (a JWT cannot be deleted, so a password change raises
// the version and every older session stops being accepted: lib/accounts/actor.ts), and the
// session's own id, refused once it signs out (lib/identity/sign-out.ts).
import { randomUUID } from "node:crypto";
import NextAuth, { AuthError, type NextAuthConfig } from "next-auth";
import { getToken } from "next-auth/jwt";
import { headers as nextHeaders } from "next/headers";
import { NextRequest, NextResponse } from "next/server";
import { clientIp } from "../platform/client-ip.ts";
import { AppError } from "../platform/errors.ts";
import { credentials, credentialsErrorMessage } from "./credentials.ts";
import { sessionVersionOf } from "../accounts/actor.ts";
import { SESSION_MAX_AGE_SECONDS } from "./sign-out.ts";
import { getDomainRootAccountId } from "../accounts/accounts.ts";
import { schoolOrigin } from "../accounts/origin.ts";
import { ssoProvidersForAuth, type SsoProviderForAuth } from "./sso/providers.ts";
import { providerLogoutUrl } from "./sso/logout.ts";
import { finishSsoTest, pendingSsoTest, SSO_TEST_COOKIE, SSO_TEST_COOKIE_PATH } from "./sso/test-sign-in.ts";
import {
  recordSsoProtocolFailure,
  SSO_REFUSED_PAGE,
  ssoSignInCallback,
  toAuthProvider,
} from "./sso/auth-providers.ts";

declare module "next-auth" {
  interface Session {
    /** The user's session version when this session signed in (see lib/accounts/actor.ts). */
    sv?: number;
    /** This session's own id, refused once it signs out (lib/identity/sign-out.ts). */
    sid?: string;
  }
}

export { signInSchema } from "./credentials.ts";

/** What the sign-in form says when Auth.js refuses (the host's school names its own buttons). */
export async function signInErrorMessage(err: AuthError): Promise<string> {
  const host = (await nextHeaders()).get("host");
  return credentialsErrorMessage(err, () => getDomainRootAccountId(host).catch(noSchoolYet));
}

function noSchoolYet(err: unknown): null {
  if (err instanceof AppError && err.code === "not_found") return null;
  throw err;
}

/** Audit writes for protocol failures of one request, awaited before its response (see authRoute). */
const pendingAudits = new WeakMap<Request, Promise<void>[]>();

async function authConfig(req: NextRequest | undefined): Promise<NextAuthConfig> {
  const h = req?.headers ?? (await nextHeaders());
  // A fresh installation has no school yet: no providers, and the pages still render.
  const rootAccountId = await getDomainRootAccountId(h.get("host")).catch(noSchoolYet);
  const ip = clientIp(h);
  // Disabled providers stay in the list so an answer still in flight is refused with an audit
  // event (lib/identity/sso/match.ts) rather than an unexplained error; the sign-in page and
  // the start route offer only enabled ones.
  const sso: SsoProviderForAuth[] = rootAccountId ? await ssoProvidersForAuth(rootAccountId) : [];
  const callbackProvider = req?.nextUrl.pathname.match(/\/callback\/([^/]+)$/)?.[1];
  return {
    trustHost: true,
    secret: process.env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: SSO_REFUSED_PAGE },
    logger: {
      error(error) {
        const cause = (error.cause as { err?: unknown } | undefined)?.err;
        console.error(`[auth] ${error.message}`, ...(cause ? [cause] : []));
        const pending = req && callbackProvider !== "credentials" ? pendingAudits.get(req) : undefined;
        if (pending && rootAccountId)
          pending.push(
            recordSsoProtocolFailure({
              rootAccountId,
              providers: sso,
              authProviderId: callbackProvider,
              error,
              ip,
            }),
          );
      },
    },
    providers: [credentials, ...sso.map(toAuthProvider)],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.type !== "oidc") return true;
        return ssoSignInCallback({
          providers: sso,
          authProviderId: account.provider,
          user,
          claims: profile,
          ip,
        });
      },
      async jwt({ token, user, account }) {
        // Kept for RP-initiated logout at sign-out (the cookie is encrypted; never in the session).
        if (account?.type === "oidc" && account.id_token) {
          token.idt = account.id_token;
          token.pid = account.provider;
        }
        if (user?.id) {
          token.uid = user.id;
          token.sv = await sessionVersionOf(Number(user.id));
          token.sid = randomUUID();
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
        return {
          ...session,
          sv: typeof token.sv === "number" ? token.sv : 0,
          sid: typeof token.sid === "string" ? token.sid : undefined,
        };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);

/**
 * Signs out here, and returns where to go next: the provider's logout page when the session came
 * from a provider offering RP-initiated logout (it sends the browser back to /login), else /login.
 */
export async function signOutEverywhere(): Promise<string> {
  const h = await nextHeaders();
  const cookie = h.get("cookie") ?? "";
  const token = await getToken({
    req: { headers: h },
    secret: process.env.AUTH_SECRET,
    secureCookie: cookie.includes("__Secure-authjs.session-token"),
  }).catch(() => null);
  await signOut({ redirect: false });
  if (typeof token?.aid !== "number") return "/login";
  // The address registered with the provider: on the school's canonical origin, like its redirect URI.
  const origin = await schoolOrigin(token.aid).catch(() => null);
  if (!origin) return "/login";
  const returnTo = `${origin}/login`;
  return (await providerLogoutUrl({ idToken: token?.idt, authProviderId: token?.pid, returnTo })) ?? "/login";
}

/** The /api/auth route: Auth.js's handlers, with any refused provider answer audited before replying. */
export async function authRoute(incoming: NextRequest): Promise<Response> {
  // Next gives route handlers a URL on its own listening name (localhost), while the sign-in began
  // on the school's host: the redirect URI sent with the code must be the one the provider
  // registered, so the URL is rebuilt from the Host as Auth.js does for server actions.
  const host = incoming.headers.get("x-forwarded-host") ?? incoming.headers.get("host");
  const proto = incoming.headers.get("x-forwarded-proto") ?? incoming.nextUrl.protocol.replace(/:$/, "");
  const req = host
    ? new NextRequest(
        new URL(`${incoming.nextUrl.pathname}${incoming.nextUrl.search}`, `${proto}://${host}`),
        incoming,
      )
    : incoming;
  // The answer to an admin's "Test sign-in" (lib/identity/sso/test-sign-in.ts), not a sign-in.
  if (req.method === "GET" && req.nextUrl.pathname.startsWith(`${SSO_TEST_COOKIE_PATH}/`)) {
    const test = pendingSsoTest(req.cookies.get(SSO_TEST_COOKIE)?.value, req.nextUrl);
    if (test) {
      const res = NextResponse.redirect(
        new URL(await finishSsoTest(test, req.nextUrl, clientIp(req.headers)), req.url),
      );
      res.cookies.delete({ name: SSO_TEST_COOKIE, path: SSO_TEST_COOKIE_PATH });
      return res;
    }
  }
  const pending: Promise<void>[] = [];
  pendingAudits.set(req, pending);
  const res = await (req.method === "POST" ? handlers.POST(req) : handlers.GET(req));
  await Promise.all(pending);
  return res;
}

declare module "next-auth" {
  interface User {
    /** The school (root account) the session was signed in at. */
    rootAccountId?: number;
  }
}
