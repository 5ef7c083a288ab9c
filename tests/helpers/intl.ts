// Rendering a component outside Next: the catalogs through next-intl's provider, as the pages give them.
import { createElement, type ReactNode } from "react";
import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import { MESSAGES } from "../../lib/platform/messages.ts";
import type { Locale } from "../../lib/platform/locales.ts";

export function withIntl(node: ReactNode, locale: Locale = "en", messages: object = MESSAGES[locale]) {
  const props = { locale, messages: messages as AbstractIntlMessages, timeZone: "UTC" };
  return createElement(NextIntlClientProvider, props as Parameters<typeof NextIntlClientProvider>[0], node);
}
