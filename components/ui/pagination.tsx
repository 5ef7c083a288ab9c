import Link from "next/link";
import { useTranslations } from "next-intl";
import { lastPage, type PageRequest } from "@/lib/platform/pagination";

/** Previous / next links with "page X of Y"; `href` builds the link for a page number. */
export function Pagination({
  page,
  total,
  href,
  label,
}: {
  page: PageRequest;
  total: number;
  href: (page: number) => string;
  label: string;
}) {
  const t = useTranslations("Forms");
  const last = lastPage(total, page.perPage);
  if (last <= 1) return null;
  const link = "rounded-md border border-slate-400 px-3 py-1 text-blue-800 hover:bg-slate-100";
  return (
    <nav aria-label={label} className="mt-4 flex items-center gap-3 text-sm">
      {page.page > 1 ? (
        <Link className={link} href={href(page.page - 1)}>
          {t("previousPage")}
        </Link>
      ) : null}
      <span className="text-slate-700">{t("pageOf", { page: page.page, last })}</span>
      {page.page < last ? (
        <Link className={link} href={href(page.page + 1)}>
          {t("nextPage")}
        </Link>
      ) : null}
    </nav>
  );
}
