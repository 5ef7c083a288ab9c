// Types for the part of embedded-db.mjs the (TypeScript) tests use.
/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number>;
