"use client";
import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";

/** A submit button that is disabled, and says so, while its form's action runs. */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  label,
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: "primary" | "danger" | "secondary";
  /** A fuller name when a list has many buttons alike ("Approve Pat for Sam"): it starts with the visible word. */
  label?: string;
}) {
  const { pending } = useFormStatus();
  const t = useTranslations("Forms");
  const styles = {
    primary: "bg-blue-700 text-white hover:bg-blue-800",
    danger: "bg-red-700 text-white hover:bg-red-800",
    secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      aria-label={label}
      className={`rounded-md px-4 py-2 text-base font-semibold disabled:opacity-60 ${styles}`}
    >
      {pending ? (pendingText ?? t("working")) : children}
    </button>
  );
}
