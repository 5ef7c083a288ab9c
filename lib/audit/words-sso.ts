// The audit log's words for signing in and single sign-on.
import type { AuditAction } from "./events.ts";
import { someone, text, type Wording } from "./words-parts.ts";

const REFUSALS: Record<string, string> = {
  disabled: "the provider is switched off",
  email_unverified: "the provider has not verified the email address",
  missing_claim: "the provider did not send the claim that names the login",
  unknown_user: "no login here matches",
  protocol: "the provider's answer failed a check",
};

export const SSO_WORDS: Partial<Record<AuditAction, Wording>> = {
  "login.signed_in": {
    label: "Signed in",
    describe: (e) => {
      const provider = text(e.data, "provider");
      return `${someone(e.subject)} signed in ${text(e.data, "via") === "sso" ? `with ${provider ?? "single sign-on"}` : "with a password"}`;
    },
  },
  "login.sso_refused": {
    label: "Single sign-on refused",
    describe: (e) => {
      const who = text(e.data, "email") ?? text(e.data, "sub");
      const reason = REFUSALS[text(e.data, "reason") ?? ""] ?? "it was refused";
      const detail = text(e.data, "detail");
      return `A sign-in${who ? ` as ${who}` : ""} with ${text(e.data, "provider") ?? "an unknown provider"} was refused: ${reason}${detail ? ` (${detail})` : ""}`;
    },
  },
  "sso.provider_added": {
    label: "Sign-in provider added",
    describe: (e) =>
      `${someone(e.actor, "An operator")} added the sign-in provider ${text(e.data, "provider") ?? ""} (${text(e.data, "issuer") ?? ""})`,
  },
  "sso.provider_removed": {
    label: "Sign-in provider removed",
    describe: (e) =>
      `${someone(e.actor, "An operator")} removed the sign-in provider ${text(e.data, "provider") ?? ""}`,
  },
  "sso.provider_changed": {
    label: "Sign-in provider changed",
    describe: (e) =>
      `${someone(e.actor, "An operator")} changed the sign-in provider ${text(e.data, "provider") ?? ""}${text(e.data, "summary") ? `: ${text(e.data, "summary")}` : ""}`,
  },
  "sso.provider_tested": {
    label: "Sign-in provider tested",
    describe: (e) =>
      `${someone(e.actor)} tested the sign-in provider ${text(e.data, "provider") ?? ""}: ${text(e.data, "outcome") ?? "no result"}`,
  },
  "login.password_refused": {
    label: "Password sign-in refused",
    describe: (e) =>
      `${someone(e.subject)} tried to sign in with a password, which this school has switched off for students and staff`,
  },
};
