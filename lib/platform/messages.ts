// The catalogs, one per language (docs/i18n.md). Pages read them through next-intl
// (i18n/request.ts); emails and notifications, written outside a request, through `translator`.
import { createTranslator } from "use-intl/core";
import en from "../../messages/en.json" with { type: "json" };
import es from "../../messages/es.json" with { type: "json" };
import { FALLBACK_LOCALE, isLocale, type Locale } from "./locales.ts";

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = { en, es };

/** The catalog of a language code, English for one we do not speak. */
export const messagesFor = (locale: string | null | undefined): Messages =>
  MESSAGES[isLocale(locale) ? locale : FALLBACK_LOCALE];

/** A translator outside React (emails, notifications), in the recipient's language. */
export function translator(locale: string | null | undefined) {
  const l = isLocale(locale) ? locale : FALLBACK_LOCALE;
  return createTranslator({ locale: l, messages: MESSAGES[l] });
}
