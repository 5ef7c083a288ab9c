// Plumbing under every concept (the database is imported as ./db.ts, never through this entry): env, errors, ids, the client's address, pagination, CSV, security headers, time zones, QR.
export * from "./env.ts";
export * from "./errors.ts";
export * from "./ids.ts";
export * from "./no-nul.ts";
export * from "./client-ip.ts";
export * from "./action-state.ts";
export * from "./pagination.ts";
export * from "./csv.ts";
export * from "./natural-sort.ts";
export * from "./live-states.ts";
export * from "./security-headers.ts";
export * from "./time-zone.ts";
export * from "./qr.ts";
export * from "./app-url.ts";
