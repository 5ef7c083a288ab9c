// Pairing codes: generation, redemption (code, credentials, token), listing and revocation.
export * from "./generate.ts";
export * from "./cap.ts";
export * from "./redeem.ts";
export * from "./redeem-proof.ts";
export * from "./manage.ts";
export * from "./eligibility.ts";
export { formatCode, normalizeCode } from "./format.ts";
export * from "./tries-left.ts";
export * from "./after-sign-in.ts";
