import "server-only";
// Where a scheduled sync may download from: HTTPS to a public address. The address a name resolves
// to is checked at connection time (the lookup the socket uses), so a name that resolves to the
// cloud's metadata service or an intranet host is refused however it is reached (SSRF), redirects
// included. Two switches, for tests and intranets: SYNC_ALLOW_LOCAL_HTTP=1 lets http:// and https://
// reach 127.0.0.1 and [::1] literally (never when NODE_ENV=production), and
// SYNC_ALLOW_PRIVATE_ADDRESSES=1 lets a school's intranet SIS (private addresses) be reached.
import dns from "node:dns";
import net from "node:net";

const blocked = new net.BlockList();
for (const [a, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  blocked.addSubnet(a, bits, "ipv4");
for (const [a, bits] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2001:db8::", 32],
] as const)
  blocked.addSubnet(a, bits, "ipv6");

/** Loopback, private, link-local, carrier-grade NAT, multicast, reserved (IPv4-mapped IPv6 too). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = net.isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "[::1]"]);

export const allowsLocalHttp = () =>
  process.env.SYNC_ALLOW_LOCAL_HTTP === "1" && process.env.NODE_ENV !== "production";
export const allowsPrivateAddresses = () => process.env.SYNC_ALLOW_PRIVATE_ADDRESSES === "1";

/** Why a URL may not be downloaded from, or null when it may (before any address is resolved). */
export function urlRefusal(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full address, starting with https://.";
  }
  const local = LOCAL_HOSTS.has(url.hostname) && allowsLocalHttp();
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local))
    return "Only https:// addresses can be synced from.";
  if (url.username || url.password)
    return "Put the user name and password in the credential fields, not in the address.";
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(literal) && isPrivateAddress(literal) && !local && !allowsPrivateAddresses())
    return `${url.hostname} is a private or local address: a sync downloads only from the internet.`;
  return null;
}

export class RefusedAddress extends Error {}

/** The socket's lookup: resolves as usual, then refuses private addresses (unless allowed). */
export const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad && !allowsPrivateAddresses())
      return callback(
        new RefusedAddress(`${hostname} resolves to a private or local address (${bad.address}): refused.`),
        "",
        0,
      );
    if ((options as dns.LookupOptions).all)
      return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};
