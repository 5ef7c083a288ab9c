// The SQL statements a piece of code sends, counted at the driver: every query Prisma's adapter
// makes (BEGIN and COMMIT included) and every query through the shared pg pool goes through
// pg.Client's `query`, whichever pooled connection it uses.
import pg from "pg";

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/** Runs `fn`, recording the text of each statement sent meanwhile (run nothing else concurrently). */
export async function statementsOf<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0];
    const text = typeof q === "string" ? q : (q as { text?: string } | null)?.text;
    if (text !== undefined) statements.push(text.replace(/\s+/g, " ").trim());
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), statements };
  } finally {
    proto.query = original;
  }
}
