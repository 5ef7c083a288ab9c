// The audit log's words for sign-in and account events: passwords, links, email, throttling.
import type { AuditAction } from "./events.ts";
import { field, howBy, someone, text, type Wording } from "./words-parts.ts";

export const ACCOUNT_WORDS: Partial<Record<AuditAction, Wording>> = {
  "login.password_set": {
    label: "Password chosen",
    describe: (e) => `${someone(e.subject)} chose a password${howBy(e, e.subject)}`,
  },
  "login.setup_link_sent": {
    label: "Password-setup link emailed",
    describe: (e) => `${someone(e.actor)} emailed a password-setup link to ${someone(e.subject, "a user")}`,
  },
  "login.password_changed": {
    label: "Password changed",
    describe: (e) => `${someone(e.subject)} changed their password; their other sessions were ended`,
  },
  "login.reset_requested": {
    label: "Password reset asked for",
    describe: (e) =>
      e.actor && e.actor !== e.subject
        ? `${e.actor} sent ${someone(e.subject, "a user")} a link to choose a new password`
        : `${someone(e.subject)} asked for a link to choose a new password`,
  },
  "login.registration_refused": {
    label: "Registration with a used email",
    describe: (e) =>
      `Someone tried to register with ${someone(e.subject, "a user")}'s email; they were emailed instead`,
  },
  "user.email_verified": {
    label: "Email confirmed",
    describe: (e) => `${someone(e.subject)} confirmed their email address`,
  },
  "user.locale_changed": {
    label: "Language changed",
    describe: (e) =>
      `${someone(e.subject)} chose to read the site in ${text(e.data, "to") ?? "their browser's or school's language"}`,
  },
  "throttle.locked_out": {
    label: "Too many failed attempts",
    describe: (e) => {
      const until = text(e.data, "until");
      const counter = text(e.data, "counter");
      const who = e.actor ?? e.subject;
      return `${who ? `${who} was` : "Someone was"} refused after ${text(e.data, "max") ?? "too many"} failed attempts${
        counter ? ` (limit per ${counter})` : ""
      }${until ? `, until ${until.replace("T", " ").slice(0, 16)} UTC` : ""}`;
    },
  },
  "throttle.challenge_started": {
    label: "School under guessing: challenge on",
    describe: (e) =>
      `More than ${text(e.data, "max") ?? "the allowed number of"} wrong pairing codes were tried at this school within the hour; new attempts must solve a short check until the hour is over`,
  },
  "login.setup_link_shown": {
    label: "Password-setup link shown",
    describe: (e) =>
      field(e.data, "via") === "cli"
        ? `A password-setup link for ${someone(e.subject, "a user")} was shown on the server's command line`
        : `${someone(e.actor)} was shown a password-setup link for ${someone(e.subject, "a user")}`,
  },
};
