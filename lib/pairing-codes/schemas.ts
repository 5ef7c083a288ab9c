import { z } from "zod";

// Shared by the "Observing" page's server action and POST /api/v1/users/:id/observees.
export const pairingCodeInputSchema = z
  .string({ error: "Enter the pairing code." })
  .trim()
  .min(1, "Enter the pairing code.")
  .max(64, "A pairing code is 8 characters, like ABCD-1234.");

export const rootAccountIdSchema = z.union([z.literal("all"), z.coerce.number().int().positive()]).optional();

export const redeemCodeSchema = z.object({
  pairing_code: pairingCodeInputSchema,
  root_account_id: rootAccountIdSchema,
});
