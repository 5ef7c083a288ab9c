import "server-only";
import fs from "node:fs";
import path from "node:path";
import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/lib/platform/locales";
import type { Messages } from "@/lib/platform/messages";

/**
 * The pseudo-locale (scripts/pseudo-locale.mjs), for tests only: served when the server runs with
 * I18N_PSEUDO_LOCALE=1 (scripts/test.mjs does) and the browser's locale cookie asks for it. Read
 * from messages/pseudo.json, which the test run writes before building; never in production.
 */
export const PSEUDO_LOCALE = "en-XA";

let loaded: Messages | null = null;

export async function pseudoMessages(): Promise<Messages | null> {
  if (process.env.I18N_PSEUDO_LOCALE !== "1") return null;
  if ((await cookies()).get(LOCALE_COOKIE)?.value !== PSEUDO_LOCALE) return null;
  loaded ??= JSON.parse(
    fs.readFileSync(path.join(process.cwd(), "messages", "pseudo.json"), "utf8"),
  ) as Messages;
  return loaded;
}
