// The client's IP, taken only from the header a configured, trusted reverse proxy sets.
// Without TRUSTED_PROXY_HEADER, forwarded headers are ignored: any client could forge them.
export function clientIp(headers: Headers, socketIp?: string | null): string | null {
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
    if (ip) return ip.slice(0, 64);
  }
  return socketIp ?? null;
}
