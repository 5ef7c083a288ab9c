"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * Tells the server the browser's time zone (a cookie, read by viewerTimeZone) so pages render
 * every time in the viewer's zone. On the first visit, or after travelling, it refreshes the page
 * once so the times already shown change too.
 */
export function TimeZoneSync({ cookie, current }: { cookie: string; current: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === current) return;
    document.cookie = `${cookie}=${zone}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [cookie, current, router]);
  return null;
}
