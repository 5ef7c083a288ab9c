// Several instances: two `next start` instances of the suite's build on its PostgreSQL, behind
// Debian's nginx (round robin, X-Forwarded-For appended; the app trusts only that last entry).
// Which instance answered is nginx's X-Served-By header. Bounded: fixed counts, loopback only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { TEST_PASSWORD } from "../helpers/factory.ts";
import { closeAgents, redeem, request } from "../../scripts/lib/http-client.mjs";
import { startInstances, type Cluster } from "../../scripts/lib/instances.mjs";
import { signInAndPair, type Step } from "../../scripts/lib/resilience-sessions.mjs";
import { eventually, recordIssued } from "./harness.ts";
import { addressFor, codeThrough, linkState, makePairs, pairThrough, pool } from "./instances-helpers.ts";

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startInstances({ env: process.env, count: 2 });
});

afterAll(async () => {
  closeAgents();
  await cluster?.stop();
});

const served = (answers: { servedBy?: string }[]) => new Set(answers.map((a) => cluster.indexOf(a.servedBy)));

describe("two instances behind nginx on one PostgreSQL", () => {
  it("records the address nginx saw, never one the client forged", async () => {
    const [pair] = await makePairs(1);
    const code = await codeThrough(cluster, pair, "127.0.0.23");
    const r = await redeem(cluster.url, pair.observer, code, {
      from: "127.0.0.23",
      headers: { "x-forwarded-for": "203.0.113.7" },
    });
    expect(r.status).toBe(200);
    const events = await db.auditEvent.findMany({
      where: { subjectId: pair.studentId, targetId: pair.observerId },
      select: { ip: true },
    });
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.ip))).toEqual(new Set(["127.0.0.23"]));
  });

  it("splits concurrent redemptions across both instances with exactly one link per code", async () => {
    const pairs = await makePairs(20);
    const codes = await pool(pairs, 4, (p, i) => codeThrough(cluster, p, addressFor(i)));
    // Three observers race for each code: its own and the next two pairs'.
    const races = pairs.flatMap((_, i) =>
      [0, 1, 2].map((k) => ({ i, observer: pairs[(i + k) % pairs.length] })),
    );
    const answers = await pool(races, 12, async (race, n) => ({
      i: race.i,
      ...(await redeem(cluster.url, race.observer.observer, codes[race.i], { from: addressFor(100 + n) })),
    }));
    expect(answers.filter((a) => a.status === 0 || a.status >= 500)).toEqual([]);
    for (let i = 0; i < pairs.length; i++)
      expect(answers.filter((a) => a.i === i && a.status === 200)).toHaveLength(1);
    expect(served(answers)).toEqual(new Set([0, 1]));
    const links = await db.observationLink.groupBy({
      by: ["studentId"],
      where: {
        studentId: { in: pairs.map((p) => p.studentId) },
        observerId: { in: pairs.map((p) => p.observerId) },
        workflowState: "active",
      },
      _count: true,
    });
    expect(links).toHaveLength(pairs.length);
    expect(links.every((l) => l._count === 1)).toBe(true);
  });

  it("counts wrong guesses once for both instances: past the limit both refuse", async () => {
    const [pair] = await makePairs(1);
    const answers = [];
    let firstRefusal = -1;
    for (let n = 0; n < 100 && (firstRefusal < 0 || n < firstRefusal + 6); n++) {
      const r = await redeem(cluster.url, pair.observer, `ZZZZ${String(n).padStart(4, "0")}`, {
        from: "127.0.0.77",
      });
      answers.push(r);
      if (r.status === 429 && firstRefusal < 0) firstRefusal = n;
    }
    expect(firstRefusal).toBeGreaterThan(1);
    const before = answers.slice(0, firstRefusal);
    const after = answers.slice(firstRefusal);
    expect(before.every((a) => a.status === 422)).toBe(true);
    // Both instances counted towards the limit, and both refuse once it is reached.
    expect(served(before)).toEqual(new Set([0, 1]));
    expect(after.map((a) => a.status)).toEqual(after.map(() => 429));
    expect(served(after)).toEqual(new Set([0, 1]));
  });

  it("keeps a session and its server actions valid on either instance", async () => {
    const people = await makePairs(2, { passwords: true });
    const steps: Step[] = [];
    // Signs in (a server action), opens the Observing page twice, adds the student (a server
    // action); throws when a step answers wrong. nginx alternates the instances request by request.
    for (const [n, person] of people.entries())
      steps.push(
        ...(await signInAndPair(cluster.url, person, {
          indexOf: cluster.indexOf,
          from: `127.0.0.${40 + n}`,
          password: TEST_PASSWORD,
          onCode: (code) => recordIssued("pairing-code", code),
        })),
      );
    const on = (what: string) => new Set(steps.filter((s) => s.what === what).map((s) => s.instance));
    expect(on("signed-in page")).toEqual(new Set([0, 1]));
    expect(new Set([...on("sign-in action"), ...on("add-student action")])).toEqual(new Set([0, 1]));
    // At least one action ran on the other instance than the one that rendered its form.
    expect(steps.some((s, i) => s.what.endsWith("action") && steps[i - 1].instance !== s.instance)).toBe(
      true,
    );
    expect((await linkState(people)).map((l) => l.linked)).toEqual([1, 1]);
  });

  it("serves on when one instance is killed mid-load, losing no write", async () => {
    const pairs = await makePairs(60);
    let done = 0;
    let killedAt = Infinity;
    const killing = (async () => {
      while (done < 20) await new Promise((r) => setTimeout(r, 20));
      await cluster.kill(1);
      killedAt = Date.now();
    })();
    const results = await pool(pairs, 8, async (p, i) => {
      const r = await pairThrough(cluster, p, addressFor(300 + i));
      done++;
      return r;
    });
    await killing;
    const answers = results.flatMap((r) => r.answers);
    // Only requests in flight when it died may fail; after that the survivor answers everything.
    // (A retry may rightly be refused: the first try's link was made before the instance died.)
    expect(answers.filter((a) => a.at > killedAt + 1000 && !a.retry && a.status !== 200)).toEqual([]);
    expect(served(answers.filter((a) => a.at > killedAt + 200 && a.status === 200))).toEqual(new Set([0]));
    const state = await linkState(pairs);
    // Every acknowledged pairing is there; none is half made (a used code without its link).
    results.forEach((r, i) => {
      if (r.ok) expect(state[i].linked).toBe(1);
      expect(state[i].redeemed).toBe(state[i].linked);
    });
    expect(state.every((s) => s.linked === 1)).toBe(true);
    // Started again, it gets its share once nginx retries it (fail_timeout).
    await cluster.restart(1);
    await eventually(
      async () => cluster.indexOf((await request(cluster.url, "GET", "/login")).servedBy) === 1,
    );
  });
});
