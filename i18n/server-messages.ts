import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import en from "@/messages/en.json" with { type: "json" };
import type { ActionState } from "@/lib/platform/action-state";
import type { FieldErrors } from "@/lib/platform/errors";

// lib/ speaks English: the REST API answers in Canvas's words (docs/api.md). A form shows the same
// message in the reader's language: the `ServerMessages` namespace holds each of lib's sentences a
// family can meet, its English value exactly as lib writes it (tests/unit/i18n-catalogs.test.ts
// checks that lib still does), so a message is found by its English text. One not listed stays English.
const KEY_OF_MESSAGE = new Map<string, string>(Object.entries(en.ServerMessages).map(([k, v]) => [v, k]));

/** A translator of lib's English messages into this request's language. */
export async function serverMessageTranslator() {
  const t = await getTranslations("ServerMessages");
  return (message: string): string => {
    const key = KEY_OF_MESSAGE.get(message);
    return key ? t(key) : message;
  };
}

/** A form's state with its message and field errors in this request's language. */
export async function localizeState<S extends ActionState>(state: S): Promise<S> {
  const tr = await serverMessageTranslator();
  const fieldErrors =
    state.fieldErrors &&
    (Object.fromEntries(
      Object.entries(state.fieldErrors).map(([field, list]) => [field, list.map(tr)]),
    ) as FieldErrors);
  return {
    ...state,
    ...(state.message && { message: tr(state.message) }),
    ...(fieldErrors && { fieldErrors }),
  };
}

/** "Try again in 4 minutes" / "Try again at 14:05 UTC" for a throttled form, in this request's language. */
export async function retryMessage(retryAfterSeconds: number, now = Date.now()): Promise<string> {
  const t = await getTranslations("ServerMessages");
  const minutes = Math.ceil(retryAfterSeconds / 60);
  if (minutes <= 60) return t("retryIn", { minutes });
  const format = await getFormatter();
  const time = format.dateTime(new Date(now + retryAfterSeconds * 1000), {
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return t("retryAt", { time });
}
