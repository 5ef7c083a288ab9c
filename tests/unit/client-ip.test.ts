import { afterEach, describe, expect, it } from "vitest";
import { addressKey, clientIp } from "../../lib/platform/client-ip.ts";
import { SOCKET_IP_HEADER, stampSocketIp } from "../../lib/platform/socket-stamp.mjs";

const saved = {
  header: process.env.TRUSTED_PROXY_HEADER,
  hops: process.env.TRUSTED_PROXY_HOPS,
  secret: process.env.AUTH_SECRET,
};
afterEach(() => {
  for (const [k, v] of [
    ["TRUSTED_PROXY_HEADER", saved.header],
    ["TRUSTED_PROXY_HOPS", saved.hops],
    ["AUTH_SECRET", saved.secret],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** The headers Next.js would see for a request from `socketIp` that sent `sent`, through scripts/serve.mjs. */
function served(socketIp: string, sent: Record<string, string> = {}): Headers {
  const req = { headers: { ...sent }, socket: { remoteAddress: socketIp } };
  stampSocketIp(req, process.env.AUTH_SECRET);
  return new Headers(req.headers);
}

describe("clientIp", () => {
  it("without a proxy header: the socket address stamped by the server, never a forwarded header", () => {
    delete process.env.TRUSTED_PROXY_HEADER;
    process.env.AUTH_SECRET = "s".repeat(40);
    expect(clientIp(served("10.0.0.1", { "x-forwarded-for": "203.0.113.9" }))).toBe("10.0.0.1");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBeNull();
  });

  it("a stamp written by the client (forged, or copied from another address) is ignored or replaced", () => {
    delete process.env.TRUSTED_PROXY_HEADER;
    process.env.AUTH_SECRET = "s".repeat(40);
    expect(clientIp(new Headers({ [SOCKET_IP_HEADER]: "1.2.3.4;forged" }))).toBeNull();
    const stolen = served("1.2.3.4").get(SOCKET_IP_HEADER)!;
    expect(clientIp(served("10.0.0.2", { [SOCKET_IP_HEADER]: stolen }))).toBe("10.0.0.2");
    process.env.AUTH_SECRET = "t".repeat(40);
    expect(clientIp(new Headers({ [SOCKET_IP_HEADER]: stolen }))).toBeNull();
  });

  it("takes the entry the proxy appended, not the one the client wrote", () => {
    process.env.TRUSTED_PROXY_HEADER = "x-forwarded-for";
    delete process.env.TRUSTED_PROXY_HOPS;
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    process.env.AUTH_SECRET = "s".repeat(40);
    expect(clientIp(served("10.0.0.1"))).toBe("10.0.0.1");
  });

  it("counts TRUSTED_PROXY_HOPS from the right when several proxies append", () => {
    process.env.TRUSTED_PROXY_HEADER = "x-forwarded-for";
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 198.51.100.7" }))).toBe(
      "203.0.113.9",
    );
  });

  it("keys IPv6 by its /64 and IPv4-mapped addresses as IPv4", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:ffff:eeee:dddd:cccc")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8::/64");
    expect(addressKey("[2001:DB8:0001:0002::9]")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2::1.2.3.4")).toBe("2001:db8:1:2::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80::/64");
    expect(addressKey("::1")).toBe("::/64");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("::ffff:c000:207")).toBe("192.0.2.7");
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("unknown")).toBe("unknown");
    process.env.TRUSTED_PROXY_HEADER = "x-forwarded-for";
    delete process.env.TRUSTED_PROXY_HOPS;
    expect(clientIp(new Headers({ "x-forwarded-for": "2001:db8:1:2::77" }))).toBe(
      clientIp(new Headers({ "x-forwarded-for": "2001:db8:1:2:9::1" })),
    );
    expect(clientIp(new Headers({ "x-forwarded-for": "2001:db8:1:3::77" }))).not.toBe(
      clientIp(new Headers({ "x-forwarded-for": "2001:db8:1:2::77" })),
    );
  });

  it("a socket stamp from an IPv6 connection is keyed by its /64", () => {
    delete process.env.TRUSTED_PROXY_HEADER;
    process.env.AUTH_SECRET = "s".repeat(40);
    expect(clientIp(served("2001:db8:5:6::abcd"))).toBe("2001:db8:5:6::/64");
    expect(clientIp(served("::ffff:10.0.0.3"))).toBe("10.0.0.3");
  });
});
