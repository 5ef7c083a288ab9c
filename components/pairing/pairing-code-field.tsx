import { useTranslations } from "next-intl";
import { Field, type FieldProps } from "@/components/ui/field";

/** The "Student pairing code" input: typed as printed, never autocompleted or spell-checked. */
export function PairingCodeField(props: Omit<FieldProps, "label" | "name">) {
  const t = useTranslations("Forms");
  return (
    <Field
      label={t("pairingCode")}
      name="pairing_code"
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      required
      {...props}
    />
  );
}
