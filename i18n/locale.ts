import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getDomainRootAccount } from "@/lib/accounts/accounts";
import { getActor } from "@/lib/identity/session";
import { chooseLocale, LOCALE_COOKIE, type Locale } from "@/lib/platform/locales";

/** This request's language (the order is lib/platform/locales.ts's `chooseLocale`), once per request. */
export const requestLocale = cache(async (): Promise<Locale> => {
  const [h, c, actor] = await Promise.all([headers(), cookies(), getActor()]);
  const school = await getDomainRootAccount(h.get("host")).catch(() => null);
  return chooseLocale({
    userLocale: actor?.locale,
    cookieLocale: c.get(LOCALE_COOKIE)?.value,
    acceptLanguage: h.get("accept-language"),
    schoolDefault: school?.defaultLocale,
  });
});
