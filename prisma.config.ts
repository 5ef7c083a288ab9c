// Prisma CLI configuration. Prisma 6.19's JS schema engine runs migrations over the pg driver
// adapter, so no native engine has to be downloaded (the CDN is unreachable on our machines).
import path from "node:path";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema engine reads catalog columns of Postgres types "char" (oid 18) and name (oid 19),
// which adapter-pg 6.x refuses to deserialize (prisma/orm#27403). Both are plain text to us.
const TEXT_OID = 25;
type Result = { fields?: { dataTypeID: number }[] };
function asText<T>(res: T): T {
  for (const f of (res as Result)?.fields ?? [])
    if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = TEXT_OID;
  return res;
}
class CatalogTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const cbIndex = args.findIndex((a) => typeof a === "function");
    if (cbIndex >= 0) {
      const cb = args[cbIndex];
      args[cbIndex] = (err: unknown, res: unknown) => cb(err, res && asText(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    return out && typeof out.then === "function" ? out.then(asText) : out;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const pool = new pg.Pool({
      connectionString: url,
      allowExitOnIdle: true,
      idleTimeoutMillis: 200,
      Client: CatalogTextClient,
      max: 2,
    });
    return new PrismaPg(pool);
  },
});
