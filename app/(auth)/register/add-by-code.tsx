"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { addStudentAction, type AddStudentState } from "@/app/(app)/observing/actions";

/** A code link opened while signed in: one button links, with the Observing page's own action. */
export function AddByCode({ code, shown, school }: { code: string; shown: string; school: string }) {
  const [state, action] = useActionState(addStudentAction, {} as AddStudentState);
  const t = useTranslations("Register");
  const error =
    state.fieldErrors?.pairing_code?.join(" ") ?? (state.ok === false ? state.message : undefined);
  return (
    <form action={action} className="flex flex-col gap-3">
      <h2 className="text-xl font-semibold">{t("addHeading", { school })}</h2>
      <p className="text-slate-700">
        {t("addCode")} <span className="font-mono font-semibold">{shown}</span>. {t("addFollow")}
      </p>
      {error && <Notice tone="error">{error}</Notice>}
      {state.warning && <Notice tone="info">{state.warning}</Notice>}
      <input type="hidden" name="pairing_code" value={code} />
      <input type="hidden" name="via" value="qr" />
      <SubmitButton pendingText={t("addPending")}>{t("addSubmit")}</SubmitButton>
    </form>
  );
}
