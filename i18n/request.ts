// next-intl without locale-prefixed addresses: each request's language is chosen here, from the
// signed-in user's choice, the switcher's cookie, the browser's Accept-Language, then the
// school's default (docs/i18n.md).
import { getRequestConfig } from "next-intl/server";
import { viewerTimeZone } from "@/app/(app)/time-zone";
import { messagesFor } from "@/lib/platform/messages";
import { requestLocale } from "./locale";
import { PSEUDO_LOCALE, pseudoMessages } from "./pseudo";

export default getRequestConfig(async () => {
  const [locale, timeZone, pseudo] = await Promise.all([requestLocale(), viewerTimeZone(), pseudoMessages()]);
  if (pseudo) return { locale: PSEUDO_LOCALE, timeZone, messages: pseudo };
  return { locale, timeZone, messages: messagesFor(locale) };
});
