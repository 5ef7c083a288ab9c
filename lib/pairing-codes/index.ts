// Pairing codes: generation, redemption (code, credentials, token), listing and revocation.
export * from "./generate.ts";
export * from "./redeem.ts";
export * from "./manage.ts";
export { formatCode, normalizeCode } from "./format.ts";
