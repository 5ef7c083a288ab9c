"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/platform/action-state";
import { createAccessToken, revokeAccessToken } from "@/lib/identity/tokens";
import { requireActor } from "@/lib/identity/session";
import { idAction } from "../../id-action";

const tokenSchema = z.object({
  purpose: z.string().trim().min(1, "Say what the token is for.").max(100, "Use at most 100 characters."),
  expires_days: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce
      .number({ error: "Enter a number of days." })
      .int("Enter a whole number of days.")
      .min(1, "At least 1 day.")
      .max(3650, "At most 3650 days.")
      .optional(),
  ),
});

export type CreateTokenState = ActionState & { token?: string };

export async function createTokenAction(
  _prev: CreateTokenState,
  formData: FormData,
): Promise<CreateTokenState> {
  const actor = await requireActor();
  const values = {
    purpose: String(formData.get("purpose") ?? ""),
    expires_days: String(formData.get("expires_days") ?? ""),
  };
  const parsed = tokenSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: zodFieldErrors(parsed.error.issues), values };
  try {
    const expiresAt = parsed.data.expires_days
      ? new Date(Date.now() + parsed.data.expires_days * 86_400_000)
      : null;
    const made = await createAccessToken(actor, {
      userId: actor.userId,
      purpose: parsed.data.purpose,
      expiresAt,
    });
    revalidatePath("/settings/tokens");
    return { ok: true, token: made.token };
  } catch (err) {
    return actionErrorState(err, values);
  }
}

export const revokeTokenAction = idAction({
  field: "token_id",
  done: "Token revoked.",
  revalidate: "/settings/tokens",
  run: (actor, tokenId) => revokeAccessToken(actor, { userId: actor.userId, tokenId }),
});
