import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma 6.19's client engine ends a transaction by sending COMMIT or ROLLBACK and only then
// giving the connection back to the pool; when that statement fails — the backend was terminated
// (pg_terminate_backend, a failover, a restart) — the connection is never given back. Ten of those
// and the pool is empty for good: every later query waits forever (measured by bench:resilience).
// Here a failed COMMIT/ROLLBACK releases the connection with its error, so the pool drops it and
// opens a new one; the engine's own release afterwards is skipped.
//
// It reaches into private internals (the transaction object's client, executeRaw, commit and
// rollback), so it is pinned to the versions it was written for: tests/integration/db-adapter-guard.test.ts
// fails on any other, or when those internals or the leak itself are gone — re-check, then drop
// the patch or move the pin. Upstream, later client-engine-runtime versions roll back (and so
// release) after a failed COMMIT: `#closeTransaction` in
// https://github.com/prisma/orm/blob/d6e5eb63e2e8b767f23183b92ce34d0ec2fd55fa/packages/client-engine-runtime/src/transaction-manager/transaction-manager.ts
// Related: https://github.com/prisma/orm/issues/29952 (a transaction timing out during COMMIT
// releases its connection twice); the commit and rollback here release at most once.
export const PATCHED_FOR = { "@prisma/adapter-pg": "6.19.3", "@prisma/client": "6.19.3" } as const;

type Query = { sql: string };
type Tx = {
  client: { release(err?: Error | boolean): void; on(event: "error", listener: () => void): void };
  executeRaw(q: Query): Promise<number>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
};
type Adapter = { startTransaction(isolationLevel?: unknown): Promise<Tx> };

function releasingOnFailure(tx: Tx): Tx {
  let released = false;
  const execute = tx.executeRaw.bind(tx);
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  tx.executeRaw = async (q) => {
    try {
      return await execute(q);
    } catch (err) {
      if (!released && /^\s*(COMMIT|ROLLBACK)\s*$/i.test(q.sql)) {
        released = true;
        // The dead connection may still report its error: nobody is listening any more.
        tx.client.on("error", () => {});
        tx.client.release(err instanceof Error ? err : new Error(String(err)));
      }
      throw err;
    }
  };
  tx.commit = async () => (released ? undefined : ((released = true), commit()));
  tx.rollback = async () => (released ? undefined : ((released = true), rollback()));
  return tx;
}

/** PrismaPg whose transactions give their connection back even when COMMIT/ROLLBACK fails. */
export class ReleasingPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const inner = adapter as unknown as Adapter;
    const start = inner.startTransaction.bind(inner);
    inner.startTransaction = async (isolationLevel) => releasingOnFailure(await start(isolationLevel));
    return adapter;
  }
}
