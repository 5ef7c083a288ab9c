import { describe, expect, it } from "vitest";
import { parseTimeZone } from "../../lib/platform/time-zone.ts";
import { formatDate, formatDateTime } from "../../components/format.ts";

describe("the viewer's time zone", () => {
  it("takes a zone the browser names, and anything else as UTC", () => {
    expect(parseTimeZone("America/Chicago")).toBe("America/Chicago");
    expect(parseTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    for (const bad of [undefined, "", "Mars/Olympus_Mons", "UTC<script>", "x".repeat(100)])
      expect(parseTimeZone(bad)).toBe("UTC");
  });

  it("every time is written in that zone, with the zone named", () => {
    const at = new Date("2026-11-23T16:05:00Z");
    expect(formatDateTime(at)).toBe("Nov 23, 2026, 4:05 PM UTC");
    expect(formatDateTime(at, "America/Chicago")).toBe("Nov 23, 2026, 10:05 AM CST");
    expect(formatDateTime(at.toISOString(), "Asia/Kolkata")).toBe("Nov 23, 2026, 9:35 PM GMT+5:30");
    expect(formatDate(new Date("2026-11-24T03:00:00Z"), "America/Chicago")).toBe("Nov 23, 2026");
  });
});
