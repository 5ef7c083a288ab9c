"use client";
import { useTranslations } from "next-intl";
import { StatusPage } from "./status-page";

/** An error boundary's page: try again, go home, and a reference the help desk can look up in the logs. */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("Status");
  return (
    <StatusPage
      kicker={t("errorKicker")}
      title={t("errorTitle")}
      actions={
        <button
          type="button"
          onClick={reset}
          className="rounded-md border border-slate-400 px-4 py-2 font-semibold text-blue-800 hover:bg-slate-100"
        >
          {t("tryAgain")}
        </button>
      }
    >
      <p>{t("errorBody")}</p>
      <p>{t("errorNext")}</p>
      {error.digest && (
        <p>
          {t("errorReference")} <code className="rounded bg-slate-100 px-1">{error.digest}</code>
        </p>
      )}
    </StatusPage>
  );
}
