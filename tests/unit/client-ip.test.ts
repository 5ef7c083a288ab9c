import { afterEach, describe, expect, it } from "vitest";
import { clientIp } from "../../lib/client-ip.ts";

const saved = { header: process.env.TRUSTED_PROXY_HEADER, hops: process.env.TRUSTED_PROXY_HOPS };
afterEach(() => {
  for (const [k, v] of [
    ["TRUSTED_PROXY_HEADER", saved.header],
    ["TRUSTED_PROXY_HOPS", saved.hops],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("clientIp", () => {
  it("ignores forwarded headers unless a trusted proxy header is configured", () => {
    delete process.env.TRUSTED_PROXY_HEADER;
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }), "10.0.0.1")).toBe("10.0.0.1");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBeNull();
  });

  it("takes the entry the proxy appended, not the one the client wrote", () => {
    process.env.TRUSTED_PROXY_HEADER = "x-forwarded-for";
    delete process.env.TRUSTED_PROXY_HOPS;
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({}), "10.0.0.1")).toBe("10.0.0.1");
  });

  it("counts TRUSTED_PROXY_HOPS from the right when several proxies append", () => {
    process.env.TRUSTED_PROXY_HEADER = "x-forwarded-for";
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 198.51.100.7" }))).toBe(
      "203.0.113.9",
    );
  });
});
