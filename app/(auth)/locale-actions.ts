"use server";
import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_OPTIONS } from "@/lib/platform/locales";

/**
 * The language switcher of the sign-in and registration pages: remembered in a cookie (no
 * account yet). The page re-renders in the new language; a signed-in user's own choice lives on
 * Settings (lib/users/locale.ts) and wins over this cookie.
 */
export async function setLocaleCookieAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, LOCALE_COOKIE_OPTIONS);
}
