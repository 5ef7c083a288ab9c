import { match } from "@formatjs/intl-localematcher";

/**
 * The languages the app speaks. Adding one is a catalog (`messages/<code>.json`) and a line here
 * (docs/i18n.md); the unit test tests/unit/i18n-catalogs.test.ts then holds it to English's keys.
 */
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const FALLBACK_LOCALE: Locale = "en";

/** Each language's name in itself, for the switcher and the Settings select. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", es: "Español" };

/** The cookie the sign-in and registration pages' switcher sets (a signed-in user's choice is stored). */
export const LOCALE_COOKIE = "locale";
/** A year, readable by the server only, sent on the site's own pages. */
export const LOCALE_COOKIE_OPTIONS = {
  maxAge: 365 * 24 * 60 * 60,
  path: "/",
  sameSite: "lax",
  httpOnly: true,
} as const;

export const isLocale = (value: unknown): value is Locale =>
  typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/**
 * The best supported language for an Accept-Language header ("es-MX,es;q=0.9,en;q=0.5" → "es"),
 * or null when it asks for none we speak (then the school's default applies, not English).
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const requested = acceptLanguage
    .split(",")
    .slice(0, 32)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.tag && r.tag !== "*" && r.q > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(r.tag))
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((r) => r.tag);
  if (requested.length === 0) return null;
  try {
    const found = match(requested, LOCALES, "none", { algorithm: "best fit" });
    return isLocale(found) ? found : null;
  } catch {
    return null; // a tag Intl rejects
  }
}

/**
 * Which language someone reads: their own choice, else what their browser asks for, else their
 * school's default (the order of docs/i18n.md).
 */
export function chooseLocale(input: {
  userLocale?: string | null;
  cookieLocale?: string | null;
  acceptLanguage?: string | null;
  schoolDefault?: string | null;
}): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  if (isLocale(input.cookieLocale)) return input.cookieLocale;
  return (
    negotiateLocale(input.acceptLanguage) ??
    (isLocale(input.schoolDefault) ? input.schoolDefault : FALLBACK_LOCALE)
  );
}

/** The language of an email or notification: its recipient's choice, else their school's default. */
export const recipientLocale = (userLocale?: string | null, schoolDefault?: string | null): Locale =>
  chooseLocale({ userLocale, schoolDefault });
