import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * What a dead end says instead (not found, an error, nothing to do here): what happened in plain
 * words, what to do next, and always a way back home.
 */
export function StatusPage({
  kicker,
  title,
  children,
  actions,
}: {
  kicker: string;
  title: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
}) {
  const t = useTranslations("Status");
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm font-semibold tracking-wide text-blue-800 uppercase">{kicker}</p>
      <h1 className="text-3xl font-bold">{title}</h1>
      <div className="flex flex-col gap-2 text-slate-700">{children}</div>
      <div className="flex flex-wrap items-center gap-3">
        {actions}
        <Link
          href="/"
          className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
        >
          {t("goHome")}
        </Link>
      </div>
    </div>
  );
}

export function NotFoundPanel() {
  const t = useTranslations("Status");
  return (
    <StatusPage kicker={t("notFoundKicker")} title={t("notFoundTitle")}>
      <p>{t("notFoundBody")}</p>
      <p>{t("notFoundNext")}</p>
    </StatusPage>
  );
}
