import { useTranslations } from "next-intl";
import { PlainField } from "./plain-field";

/**
 * A list's search box (a GET form, so the results have an address): the text field named `q`,
 * any further filters, and the Search button.
 */
export function SearchForm({
  label,
  id,
  fieldLabel,
  q,
  children,
}: {
  /** The search landmark's name. */
  label: string;
  id: string;
  fieldLabel: string;
  q: string;
  /** More filters (selects) beside the text field. */
  children?: React.ReactNode;
}) {
  const t = useTranslations("Forms");
  return (
    <form role="search" aria-label={label} className="flex flex-wrap items-end gap-2">
      <PlainField id={id} label={fieldLabel} name="q" type="search" defaultValue={q} className="grow" />
      {children}
      <button
        type="submit"
        className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
      >
        {t("search")}
      </button>
    </form>
  );
}
