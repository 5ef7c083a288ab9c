// The client's address, as throttling keys it. From the header a configured, trusted reverse proxy
// sets; without TRUSTED_PROXY_HEADER, from the TCP connection — which Next.js does not hand to
// route handlers or server actions (its own x-forwarded-for is kept from the client when the
// client sends one, so it can be forged). `npm start` therefore serves Next through
// scripts/serve.mjs, which stamps the socket address into a header signed under AUTH_SECRET
// (lib/platform/socket-stamp.mjs) so a client cannot write it. Under a bare `next start` there is
// no stamp: null.
import ipaddr from "ipaddr.js";
import { readSocketStamp, SOCKET_IP_HEADER } from "./socket-stamp.mjs";

/**
 * The key an address is counted under: an IPv4 address as it is (also when IPv4-mapped), an IPv6
 * address by its /64 — one household or one server gets a whole /64, so counting single IPv6
 * addresses would give each guesser 2^64 fresh budgets. Anything else (a proxy's "unknown") is
 * counted as written.
 */
export function addressKey(ip: string): string {
  const bare = ip.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return ip.slice(0, 64);
  const addr = ipaddr.process(bare);
  if (addr.kind() === "ipv4") return addr.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${addr.toNormalizedString()}/64`).toString()}/64`;
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
  const socket = readSocketStamp(headers.get(SOCKET_IP_HEADER), process.env.AUTH_SECRET);
  return socket ? addressKey(socket) : null;
}
