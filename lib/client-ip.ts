// The client's IP, taken only from the header a configured, trusted reverse proxy sets.
// Without TRUSTED_PROXY_HEADER, forwarded headers are ignored: any client could forge them.
export function clientIp(headers: Headers, socketIp?: string | null): string | null {
  const name = process.env.TRUSTED_PROXY_HEADER?.trim().toLowerCase();
  if (name) {
    const value = headers.get(name);
    // x-forwarded-for lists client, proxy1, proxy2…: the first entry is the client.
    const first = value?.split(",")[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  return socketIp ?? null;
}
