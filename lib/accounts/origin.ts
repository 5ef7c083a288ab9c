import "server-only";
// A school's canonical origin: where every link about it points (emails, QR codes). Its own
// domain when it has one, else APP_URL — never the address a request happened to name.
import { db, type Tx } from "../platform/db.ts";
import { hostnameOf, isAppHost, originFor } from "../platform/app-url.ts";

/** The origin of a root account's links (throws when APP_URL is unset: no link without it). */
export async function schoolOrigin(rootAccountId: number, client: Tx | typeof db = db): Promise<string> {
  const account = await client.account.findUnique({ where: { id: rootAccountId }, select: { domain: true } });
  return originFor(account?.domain ?? null);
}

// Served host names already seen, briefly in memory: every request asks. A miss asks the database
// (one indexed row), so a school created a moment ago is answered at once.
const SERVED_CACHE_MS = 30_000;
const served = new Map<string, number>();

/**
 * Whether a request's Host is one this app answers: APP_URL's host or an active school's domain.
 * Any other host is refused (proxy.ts), so no page or form is served under a name someone else chose.
 */
export async function isServedHost(host: string | null | undefined): Promise<boolean> {
  const name = hostnameOf(host);
  if (!name) return false;
  if (isAppHost(name)) return true;
  if ((served.get(name) ?? 0) > Date.now()) return true;
  const school = await db.account.findFirst({
    where: { domain: name, parentId: null, workflowState: "active" },
    select: { id: true },
  });
  if (!school) return false;
  if (served.size > 1000) served.clear();
  served.set(name, Date.now() + SERVED_CACHE_MS);
  return true;
}
