// Single sign-on: a school's OpenID Connect providers, matching their answers to logins, and
// their Auth.js providers (the protocol itself is Auth.js's).
export * from "./providers.ts";
export * from "./match.ts";
export * from "./discovery.ts";
export * from "./manage.ts";
export * from "./password-policy.ts";
