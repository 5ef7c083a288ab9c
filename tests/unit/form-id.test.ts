import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formId, MAX_ID, optionalFormId } from "../../lib/platform/ids.ts";

describe("formId (the one id parser of server actions)", () => {
  const schema = z.object({ student_id: formId("That student does not exist."), code_id: optionalFormId() });

  it("takes digits that name a record, as the API does", () => {
    expect(schema.parse({ student_id: " 42 ", code_id: "7" })).toEqual({ student_id: 42, code_id: 7 });
    expect(schema.parse({ student_id: String(MAX_ID), code_id: null })).toEqual({
      student_id: MAX_ID,
      code_id: undefined,
    });
    expect(schema.parse({ student_id: 5, code_id: "" })).toEqual({ student_id: 5, code_id: undefined });
  });

  it.each([String(MAX_ID + 1), "99999999999", "0", "-1", "1e3", "0x10", "4.5", "", "abc", null])(
    "refuses %j with the field's message, not an out-of-range query",
    (raw) => {
      const parsed = schema.safeParse({ student_id: raw });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.map((i) => i.message)).toEqual(["That student does not exist."]);
    },
  );

  it("refuses a malformed optional id instead of ignoring it", () => {
    expect(schema.safeParse({ student_id: "1", code_id: "12abc" }).success).toBe(false);
  });
});
