import type { ActionState } from "@/lib/platform/action-state";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";

/** A new password (registration, first password), with the rules it must meet as its hint. */
export function NewPasswordField({
  label,
  rules,
  state,
}: {
  label: string;
  rules: readonly string[];
  state: ActionState;
}) {
  const t = useTranslations("Forms");
  return (
    <Field
      label={label}
      name="password"
      type="password"
      autoComplete="new-password"
      required
      hint={t("passwordRules", { rules: rules.join("; ") })}
      state={state}
    />
  );
}
