// Who is asking and how they prove it: sign-in (Auth.js), sessions, passwords and their links, email verification, API tokens, the first admin, throttles on guessing.
export * from "./sign-in.ts";
export * from "./passwords.ts";
export * from "./password-change.ts";
export * from "./password-reset.ts";
export * from "./password-setup.ts";
export * from "./email-verification.ts";
export * from "./setup-links.ts";
export * from "./account-users.ts";
export * from "./first-admin.ts";
export * from "./provisioning.ts";
export * from "./tokens.ts";
export * from "./token-access.ts";
export * from "./throttle/index.ts";
