// The audit log's words: every action has some, the people and the method are named, a settings
// change says before → after, and an action added without wording still reads sensibly.
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_METHODS } from "../../lib/audit/events.ts";
import {
  AUDIT_WORDS,
  actionLabel,
  describeAuditEvent,
  fallbackWords,
  type NamedAuditEvent,
} from "../../lib/audit/words.ts";
import { methodWords } from "../../lib/audit/method-words.ts";

const event = (e: Partial<NamedAuditEvent> & { action: string }): NamedAuditEvent => ({
  method: null,
  actor: null,
  subject: null,
  target: null,
  data: null,
  ...e,
});

describe("audit words", () => {
  it("has wording for every action in AUDIT_ACTIONS (add it in lib/audit/words.ts with the action)", () => {
    const missing = AUDIT_ACTIONS.filter((a) => !AUDIT_WORDS[a]);
    expect(missing).toEqual([]);
    for (const action of AUDIT_ACTIONS) {
      const words = describeAuditEvent(event({ action, actor: "Ada Admin", subject: "Sam Student" }));
      expect(words, action).toMatch(/^[A-Z].*\.$/);
      expect(words, action).not.toContain(action);
      expect(words, action).not.toMatch(/undefined|null|\[object/);
    }
  });

  it("names every method in words", () => {
    for (const m of AUDIT_METHODS) expect(methodWords(m), m).not.toBe(m);
  });

  it("says who started observing whom, and how", () => {
    const linked = { action: "link.created", subject: "Sam Student", target: "Pat Parent" };
    expect(describeAuditEvent(event({ ...linked, actor: "Pat Parent", method: "code" }))).toBe(
      "Pat Parent started observing Sam Student, by pairing code.",
    );
    expect(describeAuditEvent(event({ ...linked, actor: "Ada Admin", method: "admin" }))).toBe(
      "Pat Parent started observing Sam Student, by Ada Admin (school admin).",
    );
    expect(
      describeAuditEvent(event({ ...linked, action: "link.removed", actor: "Ada Admin", method: "api" })),
    ).toBe("Pat Parent stopped observing Sam Student, through the API (by Ada Admin).");
  });

  it("names the student on a refused code when known, and the reason", () => {
    const failed = { action: "code.failed", actor: "Pat Parent", target: "Pat Parent", method: "code" };
    expect(
      describeAuditEvent(event({ ...failed, subject: "Sam Student", data: { reason: "expired" } })),
    ).toBe("Pat Parent tried a pairing code of Sam Student that was not accepted (expired).");
    expect(describeAuditEvent(event(failed))).toBe("Pat Parent tried a pairing code that was not accepted.");
    expect(describeAuditEvent(event({ action: "code.failed", method: "self_registration" }))).toBe(
      "Someone registering tried a pairing code that was not accepted.",
    );
  });

  it("says what a settings change changed, before → after", () => {
    const data = {
      pairingCodeLifetimeMinutes: { from: 7 * 24 * 60, to: 3 * 24 * 60 },
      teachersMayGenerateCodes: { from: false, to: true },
      selfRegistration: { from: "none", to: "observers" },
      someNewSetting: { from: 1, to: 2 },
    };
    expect(describeAuditEvent(event({ action: "settings.changed", actor: "Ada Admin", data }))).toBe(
      "Ada Admin changed the account settings: Pairing codes expire after: 7 days → 3 days; " +
        "Teachers may generate pairing codes: no → yes; Who may register themselves: nobody → " +
        "parents and guardians, with a pairing code; someNewSetting: 1 → 2.",
    );
  });

  it("names the course of an enrollment event", () => {
    const e = event({
      action: "enrollment.updated",
      actor: "Ada Admin",
      subject: "Sam Student",
      course: "Algebra I",
      data: { type: "student", from: "invited", to: "active" },
    });
    expect(describeAuditEvent(e)).toBe(
      "Ada Admin changed the student enrollment of Sam Student in Algebra I (invited → active).",
    );
  });

  it("renders an action it has no wording for from its name and the people involved", () => {
    const e = event({
      action: "link.archived",
      actor: "Pat Parent",
      subject: "Sam Student",
      method: "code",
    });
    expect(actionLabel("link.archived")).toBe("Link archived");
    expect(describeAuditEvent(e)).toBe(
      "Link archived (by Pat Parent, concerning Sam Student), by pairing code.",
    );
    expect(describeAuditEvent(e)).toBe(`${fallbackWords(e)}.`);
    expect(describeAuditEvent(event({ action: "code.rate_limited" }))).toBe("Code rate limited.");
  });
});
