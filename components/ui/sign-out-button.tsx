import { useTranslations } from "next-intl";

/** The "Sign out" submit button; its form (and action) is the caller's. */
export function SignOutButton() {
  const t = useTranslations("Shell");
  return (
    <button type="submit" className="rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">
      {t("signOut")}
    </button>
  );
}
