import "server-only";
import { cookies } from "next/headers";
import { parseTimeZone, TIME_ZONE_COOKIE } from "@/lib/platform/time-zone";

/** The zone the viewer's browser reported (components/time-zone-sync.tsx), else UTC. */
export async function viewerTimeZone(): Promise<string> {
  return parseTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}
