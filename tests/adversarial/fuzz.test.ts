// Every operation of the served OpenAPI document gets 1,000 generated malformed requests (see
// fuzz-requests.ts) over real HTTP, as a root admin of a school with real data (mostly), anonymous
// or with a junk token: never a 5xx, never a stack trace or source path in a body.
import { beforeAll, describe, expect, it } from "vitest";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { cast, member, school, type School } from "./fixtures.ts";
import { fuzzRequests, type FuzzRequest } from "./fuzz-requests.ts";
import { rawRequest, recordIssued, type HttpResult } from "./harness.ts";
import { servedOperations } from "./openapi.ts";

const PER_OPERATION = 1000;
const IN_FLIGHT = 16;
const STACK_TRACE = [
  /\n\s*at [^\n]*:\d+:\d+/,
  /[\\/]node_modules[\\/]/,
  /\.(?:ts|tsx|js|mjs):\d+:\d+/,
  /webpack|turbopack/i,
];

/** Secrets a 2xx answer handed out (a token or code minted by a lucky request): checked at rest later. */
function recordSecretsIn(value: unknown) {
  if (Array.isArray(value)) value.forEach(recordSecretsIn);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string" && (k === "token" || k === "code"))
        recordIssued(k === "code" ? "pairing-code" : "access-token", v);
      else recordSecretsIn(v);
    }
}

async function send(r: FuzzRequest): Promise<HttpResult | Error> {
  try {
    return await rawRequest(r.target, {
      method: r.method,
      headers: r.headers,
      body: r.body as BodyInit | undefined,
    });
  } catch (err) {
    return err as Error;
  }
}

// The operations are read from the running app before the tests are collected: one test each.
const ops = await servedOperations();

describe("fuzzing every operation of the OpenAPI document", () => {
  let s: School;
  let ids: string[];

  beforeAll(async () => {
    s = await school();
    const people = await cast(s);
    const observer = await member(s, "Parent");
    await enrollUser({ courseId: s.course.id, userId: observer.id, type: "observer" });
    ids = [s.root.id, s.sub.id, s.course.id, ...Object.values(people).map((p) => p.id), 1, 2].map(String);
  });

  it("covers the whole document", () => expect(ops.length).toBeGreaterThan(20));

  for (const [i, op] of ops.entries())
    it(`${op.operationId}: ${PER_OPERATION} malformed requests, no 5xx, no stack trace`, async () => {
      // A fresh admin per operation: a lucky DELETE of its own token only ends that operation's auth.
      const admin = await member(s, "FuzzAdmin");
      await makeAccountAdmin({ accountId: s.root.id, userId: admin.id });
      const requests = fuzzRequests(op, {
        count: PER_OPERATION,
        seed: 1000 + i,
        token: admin.token,
        host: s.domain,
        ids,
      });
      const failures: string[] = [];
      const counts: Record<string, number> = {};
      for (let at = 0; at < requests.length; at += IN_FLIGHT) {
        const batch = requests.slice(at, at + IN_FLIGHT);
        const answers = await Promise.all(batch.map(send));
        answers.forEach((a, j) => {
          const req = batch[j];
          if (a instanceof Error) return void failures.push(`${req.shape} → ${a.message}`);
          counts[a.status] = (counts[a.status] ?? 0) + 1;
          if (a.status >= 500) failures.push(`${req.shape} → ${a.status} ${a.text.slice(0, 300)}`);
          else if (STACK_TRACE.some((re) => re.test(a.text)))
            failures.push(`${req.shape} → stack trace: ${a.text.slice(0, 300)}`);
          if (a.status < 300) recordSecretsIn(a.json);
        });
      }
      console.log(`${op.operationId}: ${JSON.stringify(counts)}`);
      expect(failures.slice(0, 10)).toEqual([]);
    });
});
