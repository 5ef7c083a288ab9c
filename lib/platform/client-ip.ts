// The client's address, as throttling keys it. From the header a configured, trusted reverse proxy
// sets; without TRUSTED_PROXY_HEADER, from the TCP connection — which Next.js does not hand to
// route handlers or server actions (its own x-forwarded-for is kept from the client when the
// client sends one, so it can be forged). `npm start` therefore serves Next through
// scripts/serve.mjs, which stamps the socket address into SOCKET_IP_HEADER, signed under
// AUTH_SECRET so a client cannot write it. Under a bare `next start` there is no stamp: null.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";

export const SOCKET_IP_HEADER = "x-pairing-socket-ip";

/** The signature of a stamped address; scripts/serve.mjs computes the same (tests/unit/client-ip.test.ts). */
export function socketIpSignature(ip: string, secret: string): string {
  return createHmac("sha256", secret).update(`socket-ip:${ip}`).digest("base64url");
}

function stampedSocketIp(headers: Headers): string | null {
  const secret = process.env.AUTH_SECRET;
  const [ip, sig] = (headers.get(SOCKET_IP_HEADER) ?? "").split(";");
  if (!secret || !ip || !sig) return null;
  const expected = Buffer.from(socketIpSignature(ip, secret));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? ip : null;
}

/**
 * The key an address is counted under: an IPv4 address as it is (also when IPv4-mapped), an IPv6
 * address by its /64 — one household or one server gets a whole /64, so counting single IPv6
 * addresses would give each guesser 2^64 fresh budgets.
 */
export function addressKey(ip: string): string {
  const bare = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = bare.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(bare)) return ip.slice(0, 64);
  const [head, tail = ""] = bare.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail takes two groups; only the first four groups matter here anyway.
  const missing = 8 - left.length - right.length - (right.some((g) => g.includes(".")) ? 1 : 0);
  const groups = bare.includes("::") ? [...left, ...Array(Math.max(0, missing)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(":")}::/64`;
}

export function clientIp(headers: Headers): string | null {
  const name = process.env.TRUSTED_PROXY_HEADER?.trim().toLowerCase();
  if (name) {
    const entries = (headers.get(name) ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    // x-forwarded-for reads "whatever the client claimed…, client, proxy1…": each proxy appends
    // the address it saw, so only entries counted from the right can be trusted. The leftmost is
    // the client's own say-so, and taking it would let anyone dodge the per-IP throttle.
    const hops = Math.max(1, Number(process.env.TRUSTED_PROXY_HOPS) || 1);
    const ip = entries[entries.length - hops];
    if (ip) return addressKey(ip);
  }
  const socket = stampedSocketIp(headers);
  return socket ? addressKey(socket) : null;
}
