import { z } from "zod";
import { CHALLENGE_PAYLOAD_MAX } from "../identity/throttle/challenge-solve.ts";

// What a person types into a pairing-code field (the Observing page); the code's own format is
// checked by normalizeCode, so every wrong code gets the same answer.
export const pairingCodeInputSchema = z
  .string({ error: "Enter the pairing code." })
  .trim()
  .min(1, "Enter the pairing code.")
  .max(64, "A pairing code is 8 characters, like ABCD-1234.");

/** A code form's answer to a guessing challenge (components/pairing/use-challenge.tsx), or null. */
export function challengeField(formData: FormData): string | null {
  const parsed = z.string().trim().min(1).max(CHALLENGE_PAYLOAD_MAX).safeParse(formData.get("challenge"));
  return parsed.success ? parsed.data : null;
}
