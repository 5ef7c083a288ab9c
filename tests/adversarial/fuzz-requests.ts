// Malformed requests for one OpenAPI operation, generated with fast-check: wrong types, huge and
// unicode values, broken percent-escapes, invalid JSON, missing and unknown parameters, wrong
// content types. Deterministic (a fixed seed per operation), so a failure reproduces.
import fc from "fast-check";
import { encodeLoosely, junkText, urlPart } from "./fuzz-values.ts";

export type Operation = { method: string; path: string; operationId: string; names: string[] };

export type FuzzRequest = {
  method: string;
  /** The raw request target (path and query), broken escapes left as they are. */
  target: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** What was generated, for the failure report. */
  shape: string;
};

/** Parameter names: the operation's own (also bracketed and nested), masquerading, and unknown ones. */
function keyArb(names: string[]): fc.Arbitrary<string> {
  const own = names.length ? names : ["id"];
  return fc.oneof(
    fc.constantFrom(...own),
    fc
      .tuple(
        fc.constantFrom(...own),
        fc.constantFrom("[]", "[x]", "[][]", "[0][a][b][c][d][e]", "[__proto__]"),
      )
      .map(([n, s]) => n + s),
    fc.constantFrom("as_user_id", "per_page", "page", "include[]", "__proto__", "constructor[prototype]"),
    fc.string({ maxLength: 12 }),
  );
}

const queryArb = (names: string[]) =>
  fc
    .array(fc.tuple(keyArb(names).map(encodeLoosely), urlPart), { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

/** A JSON-able value of a wrong type (and sometimes a huge one). */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  junkText,
  fc.constantFrom(null, true, -1, 1e308, [], {}, "x".repeat(20_000)),
);

type Body = { contentType?: string; body?: string | Uint8Array | FormData; kind: string };

function bodyArb(names: string[]): fc.Arbitrary<Body> {
  const keys = keyArb(names);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant<Body>({ kind: "none" }) },
    fc.dictionary(keys, wrongValue, { maxKeys: 5 }).map<Body>((o) => ({
      kind: "json-wrong-types",
      contentType: "application/json",
      body: JSON.stringify(o),
    })),
    fc.jsonValue().map<Body>((v) => ({
      kind: "json-not-object",
      contentType: "application/json",
      body: JSON.stringify(v),
    })),
    fc.string({ unit: "binary", maxLength: 60 }).map<Body>((s) => ({
      kind: "json-invalid",
      contentType: "application/json",
      body: `{"${s}`,
    })),
    queryArb(names).map<Body>((q) => ({
      kind: "form",
      contentType: "application/x-www-form-urlencoded",
      body: q,
    })),
    fc.array(fc.tuple(keys, junkText), { maxLength: 5 }).map<Body>((pairs) => {
      const fd = new FormData();
      for (const [k, v] of pairs) fd.append(k, v);
      fd.append("attachment", new Blob([pairs.map((p) => p[1]).join(",")]), "x.csv");
      return { kind: "multipart", body: fd };
    }),
    fc.uint8Array({ maxLength: 200 }).map<Body>((bytes) => ({
      kind: "multipart-broken",
      contentType: "multipart/form-data; boundary=zzz",
      body: bytes,
    })),
    fc
      .tuple(
        fc.constantFrom(
          "text/xml",
          "application/octet-stream",
          "text/csv",
          "application/zip",
          "application/json; charset=utf-7",
          "image/png",
          "",
        ),
        fc.uint8Array({ maxLength: 300 }),
      )
      .map<Body>(([contentType, bytes]) => ({
        kind: `raw ${contentType || "(empty type)"}`,
        contentType,
        body: bytes,
      })),
    // One request in ~40: a body far past any field's limit (≈ 200 kB of two-byte characters).
    {
      weight: 1,
      arbitrary: fc.constant<Body>({
        kind: "huge-json",
        contentType: "application/json",
        body: JSON.stringify({ [names[0] ?? "x"]: "é".repeat(100_000) }),
      }),
    },
  );
}

/** `count` malformed requests for `op`; `ids` are real ids to put in paths now and then. */
export function fuzzRequests(
  op: Operation,
  opts: { count: number; seed: number; token: string; host: string; ids: string[] },
): FuzzRequest[] {
  const segments = op.path.split("/").filter(Boolean);
  const pathArb = fc.tuple(
    ...segments.map((seg) =>
      seg.startsWith("{") ? fc.oneof(urlPart, fc.constantFrom(...opts.ids, "self")) : fc.constant(seg),
    ),
  );
  const authArb = fc.oneof(
    { weight: 17, arbitrary: fc.constant(`Bearer ${opts.token}`) },
    { weight: 2, arbitrary: fc.constant("") },
    {
      weight: 1,
      arbitrary: fc
        .string({ unit: "binary-ascii", maxLength: 80 })
        .map((s) => `Bearer ${s.replace(/[^\x20-\x7e]/g, "")}`),
    },
  );
  const methodArb = fc.oneof(
    { weight: 9, arbitrary: fc.constant(op.method.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH") },
  );
  const arb = fc.record({
    path: pathArb,
    query: fc.option(queryArb(op.names), { nil: undefined }),
    body: bodyArb(op.names),
    auth: authArb,
    method: methodArb,
  });
  return fc.sample(arb, { numRuns: opts.count, seed: opts.seed }).map((r) => {
    const headers: Record<string, string> = { host: opts.host };
    if (r.auth) headers.authorization = r.auth;
    if (r.body.contentType !== undefined) headers["content-type"] = r.body.contentType;
    const target = `/api/v1/${r.path.join("/")}${r.query === undefined ? "" : `?${r.query}`}`;
    return {
      method: r.method,
      target,
      headers,
      body: r.method === "GET" ? undefined : r.body.body,
      shape: `${r.method} ${target.slice(0, 200)} body=${r.body.kind} auth=${r.auth ? r.auth.slice(0, 12) : "none"}`,
    };
  });
}
