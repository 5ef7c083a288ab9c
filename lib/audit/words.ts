// The audit log in words a school's help desk reads aloud: "Pat Parent started observing Sam
// Student, by pairing code". One formatter for the audit page and its CSV. Every action in
// AUDIT_ACTIONS has wording here (tests/unit/audit-words.test.ts fails when one has none); an
// action without any still renders, from its name and the people involved (fallbackWords).
import type { AuditAction } from "./events.ts";
import { settingChanges } from "./words-settings.ts";
import { how } from "./method-words.ts";
import { ACCOUNT_WORDS } from "./words-accounts.ts";
import { SSO_WORDS } from "./words-sso.ts";
import { REQUEST_WORDS } from "./words-requests.ts";
import { IMPORT_WORDS } from "./words-imports.ts";
import { SYNC_WORDS } from "./words-sync.ts";
import { field, howBy, someone, text, type NamedAuditEvent, type Wording } from "./words-parts.ts";

export type { NamedAuditEvent } from "./words-parts.ts";

export { methodWords } from "./method-words.ts";

/** "Ada Admin made … for Sam" or "Sam made …" when they did it themself. */
const forWhom = (e: NamedAuditEvent, verb: string) =>
  e.actor && e.actor !== e.subject
    ? `${e.actor} ${verb} for ${someone(e.subject, "a user")}`
    : `${someone(e.subject)} ${verb}`;

/** The method, unless it only repeats that a school admin did it for someone (forWhom says so). */
const staffHow = (e: NamedAuditEvent) => (e.method === "admin" ? "" : how(e.method));

export const AUDIT_WORDS: Partial<Record<AuditAction, Wording>> = {
  ...ACCOUNT_WORDS,
  ...SSO_WORDS,
  ...REQUEST_WORDS,
  ...IMPORT_WORDS,
  ...SYNC_WORDS,
  "link.created": {
    label: "Observer linked",
    describe: (e) =>
      `${someone(e.target)} started observing ${someone(e.subject, "a student")}${howBy(e, e.target)}`,
  },
  "link.restored": {
    label: "Observer link restored",
    describe: (e) =>
      `${someone(e.target)} is observing ${someone(e.subject, "a student")} again${howBy(e, e.target)}`,
  },
  "link.removed": {
    label: "Observer unlinked",
    describe: (e) =>
      `${someone(e.target)} stopped observing ${someone(e.subject, "a student")}${howBy(e, e.target)}`,
  },
  "code.generated": {
    label: "Pairing code made",
    describe: (e) => {
      const revoked = field(e.data, "revokedIds");
      const n = Array.isArray(revoked) ? revoked.length : 0;
      const note = n
        ? ` (${n} older ${n === 1 ? "code was" : "codes were"} revoked: at most 5 are active)`
        : "";
      return `${forWhom(e, "made a pairing code")}${staffHow(e)}${note}`;
    },
  },
  "code.revoked": {
    label: "Pairing code revoked",
    describe: (e) => `${forWhom(e, "revoked a pairing code")}${staffHow(e)}`,
  },
  "code.redeemed": {
    label: "Pairing code used",
    describe: (e) =>
      `${someone(e.target)} used a pairing code of ${someone(e.subject, "a student")}${howBy(e, e.target)}`,
  },
  "code.failed": {
    label: "Pairing code refused",
    describe: (e) => {
      const who =
        e.target ?? e.actor ?? (e.method === "self_registration" ? "Someone registering" : "Someone");
      const whose = e.subject ? `a pairing code of ${e.subject}` : "a pairing code";
      const reason = text(e.data, "reason");
      // A typed code is the normal way: only say how when it was something else (the API, a QR link).
      const method = e.method === "code" || e.method === "self_registration" ? null : e.method;
      return `${who} tried ${whose} that was not accepted${reason ? ` (${reason})` : ""}${howBy(e, e.target, method)}`;
    },
  },
  "token.created": {
    label: "API token created",
    describe: (e) => {
      const purpose = text(e.data, "purpose");
      return `${forWhom(e, "created an API token")}${purpose ? ` (“${purpose}”)` : ""}`;
    },
  },
  "token.revoked": { label: "API token revoked", describe: (e) => `${forWhom(e, "revoked an API token")}` },
  "settings.changed": {
    label: "Account settings changed",
    describe: (e) => {
      const changes = settingChanges(e.data);
      return `${someone(e.actor)} changed the account settings${changes.length ? `: ${changes.join("; ")}` : ""}`;
    },
  },
  "user.registered": {
    label: "Account created",
    describe: (e) =>
      field(e.data, "by") === "admin"
        ? `${someone(e.actor)} created the account of ${someone(e.subject, "a user")}${field(e.data, "setupLinkSent") ? " and emailed a password-setup link" : ""}`
        : `${someone(e.target)} registered with a pairing code of ${someone(e.subject, "a student")}${how(e.method)}`,
  },
  "user.masqueraded": {
    label: "Acted as another user",
    describe: (e) => {
      const request = [text(e.data, "method"), text(e.data, "path")].filter(Boolean).join(" ");
      return `${someone(e.actor)} acted as ${someone(e.subject, "another user")} through the API${request ? ` (${request})` : ""}`;
    },
  },
  "enrollment.created": {
    label: "Enrollment added",
    describe: (e) =>
      `${someone(e.actor)} enrolled ${someone(e.subject, "a user")} as ${text(e.data, "type") ?? "a member"} in ${e.course ?? "a course"}${stateNote(e)}`,
  },
  "course_link.created": {
    label: "Observer linked in one course",
    describe: (e) =>
      `${someone(e.target)} started observing ${someone(e.subject, "a student")} in ${e.course ?? "one course"}${howBy(e, e.target)}`,
  },
  "course_link.removed": {
    label: "Observer unlinked in one course",
    describe: (e) =>
      `${someone(e.target)} stopped observing ${someone(e.subject, "a student")} in ${e.course ?? "one course"}${howBy(e, e.target)}${stateNote(e)}`,
  },
  "enrollment.updated": {
    label: "Enrollment changed",
    describe: (e) => {
      const type = text(e.data, "type");
      return `${someone(e.actor)} changed the ${type ? `${type} ` : ""}enrollment of ${someone(e.subject, "a user")} in ${e.course ?? "a course"}${stateNote(e)}`;
    },
  },
};

function stateNote(e: NamedAuditEvent): string {
  const from = text(e.data, "from");
  const to = text(e.data, "to");
  return from && to ? ` (${from} → ${to})` : to ? ` (${to})` : "";
}

/** "lockout.started" → "Lockout started": the label of an action that has no wording yet. */
export function actionLabel(action: string): string {
  const wording = AUDIT_WORDS[action as AuditAction];
  if (wording) return wording.label;
  const words = action.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An action with no wording: its name in words, then who did it and to whom. */
export function fallbackWords(e: NamedAuditEvent): string {
  const people = [
    e.actor && `by ${e.actor}`,
    e.subject && `concerning ${e.subject}`,
    e.target && e.target !== e.actor && `with ${e.target}`,
  ].filter(Boolean);
  return `${actionLabel(e.action)}${people.length ? ` (${people.join(", ")})` : ""}${how(e.method)}`;
}

/** The event as one sentence. */
export function describeAuditEvent(e: NamedAuditEvent): string {
  const wording = AUDIT_WORDS[e.action as AuditAction];
  return `${wording ? wording.describe(e) : fallbackWords(e)}.`;
}
