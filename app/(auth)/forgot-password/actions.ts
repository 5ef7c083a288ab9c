"use server";
import { headers } from "next/headers";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import { clientIp } from "@/lib/platform/client-ip";
import { requestPasswordReset, RESET_REQUESTED } from "@/lib/identity/password-reset";
import { localizeState, retryMessage } from "@/i18n/server-messages";

// No session: anyone may ask; requestPasswordReset answers the same whether the login exists.
export async function forgotPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = { email: String(formData.get("email") ?? "") };
  const h = await headers();
  try {
    await requestPasswordReset({
      email: values.email,
      host: h.get("host"),
      ip: clientIp(h),
    });
  } catch (err) {
    const state = await localizeState(actionErrorState(err, values));
    return state.retryAfter ? { ...state, message: await retryMessage(state.retryAfter) } : state;
  }
  return localizeState({ ok: true, message: RESET_REQUESTED });
}
