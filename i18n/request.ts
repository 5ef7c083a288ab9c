// next-intl without locale-prefixed addresses: each request's language is chosen here, from the
// signed-in user's choice, the switcher's cookie, the browser's Accept-Language, then the
// school's default (docs/i18n.md).
import { getRequestConfig } from "next-intl/server";
import { viewerTimeZone } from "@/app/(app)/time-zone";
import { requestLocale } from "./locale";
import { messagesFor } from "@/lib/platform/messages";

export default getRequestConfig(async () => {
  const [locale, timeZone] = await Promise.all([requestLocale(), viewerTimeZone()]);
  return { locale, timeZone, messages: messagesFor(locale) };
});
