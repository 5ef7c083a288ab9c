import "server-only";
import { getTranslations } from "next-intl/server";

/** lib/identity/passwords.ts's PASSWORD_RULES, in this request's language (the same three, in order). */
export async function passwordRules(): Promise<string[]> {
  const t = await getTranslations("PasswordRules");
  return [t("length"), t("repeated"), t("email")];
}
