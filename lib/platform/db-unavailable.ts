// Is an error the database being unreachable for a moment (a restart, a killed connection, an
// exhausted pool) rather than a fault in the request or the code? Such a request did not happen
// (its transaction rolled back), so the caller gets a 503 with Retry-After and may simply try
// again, instead of a 500 that reads like a bug (found by tests/adversarial/faults.test.ts).

/** PostgreSQL's SQLSTATEs for a lost or refused connection; Node's socket errors; Prisma's codes. */
const CODES = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend, a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up, shutting down, in recovery
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "P1001", // can't reach the database server
  "P1017", // the server closed the connection
  "P2024", // timed out waiting for a pooled connection
  "P2028", // transaction API error (its connection went away)
]);

/** Wordings of the same conditions where no code travels with the error (pg's and the adapter's). */
const MESSAGES =
  /Connection terminated|terminating connection|Client has encountered a connection error|connection is closed|Can't reach database|database system is (?:starting up|shutting down|in recovery mode)|Timed out fetching a new connection|Transaction already closed|Transaction not found/i;

/** Adapter error kinds (Prisma's driver adapters) that mean the connection, not the query, failed. */
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; meta?: unknown };
  if (typeof e.code === "string" && CODES.has(e.code)) return true;
  if (typeof e.kind === "string" && KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  // The adapter wraps pg's error: `cause` is { kind, originalCode, originalMessage } or an Error.
  const cause = e.cause as { originalCode?: unknown; originalMessage?: unknown } | undefined;
  if (cause && typeof cause.originalCode === "string" && CODES.has(cause.originalCode)) return true;
  if (cause && typeof cause.originalMessage === "string" && MESSAGES.test(cause.originalMessage)) return true;
  // A raw query's failure (P2010) carries the adapter's error under meta.driverAdapterError: a reset
  // connection there reads "Raw query failed … Server has closed the connection." with no code.
  const adapterError = (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  if (adapterError && isDatabaseUnavailable(adapterError, depth + 1)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
