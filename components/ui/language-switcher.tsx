import { getLocale, getTranslations } from "next-intl/server";
import { LOCALE_NAMES, LOCALES } from "@/lib/platform/locales";
import { setLocaleCookieAction } from "@/app/(auth)/locale-actions";

/**
 * The sign-in and registration pages' visible language choice: one button per language, each
 * named in its own language (and marked so, for screen readers), the current one pressed.
 */
export async function LanguageSwitcher() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("Language")]);
  return (
    <form
      action={setLocaleCookieAction}
      aria-label={t("label")}
      className="flex flex-wrap items-center gap-2 text-sm"
    >
      <span className="text-slate-700">{t("choose")}</span>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className={`rounded-md border px-3 py-1 ${l === locale ? "border-blue-800 bg-blue-50 font-semibold text-blue-900" : "border-slate-400 bg-white text-blue-800 hover:bg-slate-100"}`}
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </form>
  );
}
