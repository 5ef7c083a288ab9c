import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as openapi from "../../app/api/v1/openapi.json/route.ts";
import * as docs from "../../app/api/docs/route.ts";

/** Every route file under app/api/v1 and the methods it exports, as OpenAPI paths. */
function routeMethods(): string[] {
  const root = path.resolve("app/api/v1");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts" && !full.includes("openapi.json")) {
        const rel = "/" + path.relative(root, dir).replace(/\[(\w+)\]/g, "{$1}");
        for (const m of fs.readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|DELETE)\b/g))
          out.push(`${m[1].toLowerCase()} ${rel}`);
      }
    }
  };
  walk(root);
  return out.sort();
}

describe("API reference", () => {
  it("/api/v1/openapi.json is OpenAPI 3.1 and documents every route handler", async () => {
    const url = new URL("/api/v1/openapi.json", process.env.APP_URL);
    const res = await openapi.GET(new Request(url, { headers: { host: url.host } }), {});
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`),
    );
    // Canvas documents the token routes under /users/self; the route folder is /users/{user_id}.
    const normalized = documented
      .map((d) => d.replace("/users/self/tokens", "/users/{user_id}/tokens"))
      .sort();
    expect(normalized).toEqual(routeMethods());
    const add = doc.paths["/users/{user_id}/observees"].post;
    expect(
      add.requestBody.content["application/x-www-form-urlencoded"].schema.properties.observee.properties,
    ).toHaveProperty("unique_id");
    expect(add.responses["200"].content["application/json"].schema.$ref).toBe("#/components/schemas/User");
    // Every operation documents the 503 a briefly unreachable database answers (lib/platform/db-unavailable.ts).
    for (const ops of Object.values(doc.paths as Record<string, Record<string, { responses: object }>>))
      for (const op of Object.values(ops)) expect(op.responses).toHaveProperty("503");
    expect(
      doc.paths["/accounts/{account_id}/users"].get.parameters.map((p: { name: string }) => p.name),
    ).toContain("search_term");
    expect(JSON.stringify(doc)).not.toMatch(/"(digest|password_hash|passwordHash)"/);
  });

  it("/api/docs serves the reference page and Scalar's code-split module build from this server", async () => {
    const page = await (await docs.GET()).text();
    expect(page).toContain('data-url="/api/v1/openapi.json"');
    expect(page).toContain('<script type="module" src="/scalar/standalone.esm.js">');
    expect(page).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    // postinstall copied the module build to public/scalar/ (scripts/copy-scalar.mjs): the entry is the
    // small module that imports its chunks, not the 4 MB single-file bundle, and its chunks are there.
    const entry = fs.readFileSync("public/scalar/standalone.esm.js", "utf8");
    expect(entry.length).toBeGreaterThan(100_000);
    expect(entry.length).toBeLessThan(1_500_000);
    const chunks = [...entry.matchAll(/from"\.\/(chunks\/[\w.-]+\.js)"/g)].map((m) => m[1]);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(fs.existsSync(`public/scalar/${chunk}`), chunk).toBe(true);
    expect(fs.existsSync("public/scalar/standalone.js")).toBe(false);
  });
});
