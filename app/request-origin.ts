import "server-only";
import { headers } from "next/headers";

/** The site a server action came through: emailed links point there when APP_URL is unset. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  // Next.js refuses a server action whose Origin is not this host, so Origin is ours.
  return h.get("origin") ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
}
