import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodFieldErrors } from "../../lib/platform/action-state.ts";

describe("zodFieldErrors (the one converter, forms and API)", () => {
  const schema = z.object({
    purpose: z.string().min(1, "is required").max(3, "too long"),
    token: z.object({ expires_at: z.string({ error: "must be a date" }) }),
  });

  it("keys each issue by its path, Rails-style", () => {
    const parsed = schema.safeParse({ purpose: "", token: {} });
    expect(parsed.success).toBe(false);
    expect(zodFieldErrors(parsed.error!.issues)).toEqual({
      purpose: ["is required"],
      "token[expires_at]": ["must be a date"],
    });
  });

  it("keys an issue about the whole value `form`, or the key it is given", () => {
    const issues = z.string({ error: "Enter a code." }).safeParse(undefined).error!.issues;
    expect(zodFieldErrors(issues)).toEqual({ form: ["Enter a code."] });
    expect(zodFieldErrors(issues, "pairing_code")).toEqual({ pairing_code: ["Enter a code."] });
  });
});
