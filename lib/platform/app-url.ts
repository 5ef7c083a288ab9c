// The app's public address (APP_URL). Every link sent to a person is built from it or from a
// school's own domain (lib/accounts/origin.ts), never from a request's Host, Origin or
// X-Forwarded-* headers: those are the sender's to choose, and a reset link on a forged host hands
// the account to whoever forged it. Pure (no server-only), so proxy.ts may import it.

export class MissingAppUrlError extends Error {
  constructor() {
    super(
      "APP_URL is not set: set it to the public address of this app (e.g. https://pairing.example.org); emailed links are built from it.",
    );
  }
}

/** APP_URL, parsed; throws when it is unset or not an http(s) URL. */
export function appUrl(): URL {
  const raw = process.env.APP_URL;
  if (!raw) throw new MissingAppUrlError();
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new MissingAppUrlError();
  return url;
}

/**
 * The origin a host name is served at: APP_URL's scheme and port with that host (one deployment
 * answers every school's domain the same way), or APP_URL itself when `domain` is null.
 */
export function originFor(domain: string | null): string {
  const app = appUrl();
  if (!domain) return app.origin;
  const url = new URL(app.origin);
  url.hostname = domain;
  return url.origin;
}

/** The host name of a Host header (lower case, no port; IPv6 brackets kept). */
export function hostnameOf(host: string | null | undefined): string {
  const h = (host ?? "").trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0];
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a host name is APP_URL's (any loopback name when APP_URL is on loopback: a local run). */
export function isAppHost(hostname: string): boolean {
  const app = appUrl().hostname;
  return hostname === app || (LOOPBACK.has(app) && LOOPBACK.has(hostname));
}
