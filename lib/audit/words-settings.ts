// What a `settings.changed` audit event changed, before → after, in the words of the settings
// page (lib/accounts/settings.ts records `{ setting: { from, to } }` for each change).
const REGISTRATION: Record<string, string> = {
  none: "nobody",
  observers: "parents and guardians, with a pairing code",
  all: "everyone",
};
const yesNo = (v: unknown) => (v === true ? "yes" : v === false ? "no" : String(v));
const days = (v: unknown) => {
  const n = typeof v === "number" ? v / (24 * 60) : NaN;
  return Number.isFinite(n) ? `${+n.toFixed(2)} ${n === 1 ? "day" : "days"}` : String(v);
};

const SETTINGS: Record<string, { label: string; value: (v: unknown) => string }> = {
  selfRegistration: {
    label: "Who may register themselves",
    value: (v) => REGISTRATION[String(v)] ?? String(v),
  },
  pairingCodeLifetimeMinutes: { label: "Pairing codes expire after", value: days },
  studentsMayRemoveObservers: { label: "Students may remove their observers", value: yesNo },
  teachersMayGenerateCodes: { label: "Teachers may generate pairing codes", value: yesNo },
  teachersMayLinkObservers: { label: "Teachers may link observers in their courses", value: yesNo },
  observerContact: { label: "Contact line for parents", value: (v) => (v ? String(v) : "none") },
};

/** "Pairing codes expire after: 7 days → 3 days", one per changed setting (unknown ones by their key). */
export function settingChanges(data: unknown): string[] {
  if (!data || typeof data !== "object" || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>).map(([key, change]) => {
    const setting = SETTINGS[key] ?? { label: key, value: (v: unknown) => JSON.stringify(v) ?? "—" };
    const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
    return `${setting.label}: ${setting.value(from)} → ${setting.value(to)}`;
  });
}
