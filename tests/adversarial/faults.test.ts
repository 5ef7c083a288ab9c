// Faults: the app's PostgreSQL backends killed (pg_terminate_backend) during 200 redemptions and
// PostgreSQL itself restarted (a crash: immediate shutdown) during redemptions → "a redeemed code ⇔
// its link exists" holds with nothing half-written, and the app serves again by itself (no restart).
import { beforeAll, describe, expect, it } from "vitest";
import {
  member,
  pairingCode,
  resetThrottles,
  school,
  students,
  type Member,
  type School,
} from "./fixtures.ts";
import { backendKiller, redemptionInvariant } from "./faults.ts";
import { eventually, httpJson, randomIp, restartPostgres, type HttpResult } from "./harness.ts";

type Redemption = { observer: Member; student: Member; code: string };

async function inBatches<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/** How the answers went, for the log: `{"200":150,"503":50}` (a dropped connection counts as "none"). */
const statuses = (answers: (HttpResult | null)[]) =>
  JSON.stringify(
    answers.reduce<Record<string, number>>((m, a) => {
      const k = String(a?.status ?? "none");
      m[k] = (m[k] ?? 0) + 1;
      return m;
    }, {}),
  );

describe("faults during redemptions", () => {
  let s: School;
  let observers: Member[];

  const redeem = (s: School, r: Redemption): Promise<HttpResult | null> =>
    httpJson("/api/v1/users/self/observees", {
      method: "POST",
      host: s.domain,
      token: r.observer.token,
      ip: randomIp(),
      body: new URLSearchParams({ pairing_code: r.code }),
    }).catch(() => null);

  async function redemptions(n: number): Promise<Redemption[]> {
    const kids = await students(s, n);
    const codes = await inBatches(kids, 10, (k) => pairingCode(s, k));
    return kids.map((student, i) => ({ student, code: codes[i], observer: observers[i % observers.length] }));
  }

  /** After the fault: the app answers again by itself, the invariant holds, and every code not yet redeemed now redeems. */
  async function recovers(rs: Redemption[], answers: (HttpResult | null)[]) {
    // During the fault: a redemption links (200) or is refused as "briefly unavailable, try again"
    // (503 with Retry-After), or its connection drops — never a 500.
    const wrong = answers.filter(
      (a) => a && (a.status === 500 || (a.status === 503 && !a.headers.get("retry-after"))),
    );
    expect(wrong.map((a) => `${a?.status} ${a?.text.slice(0, 200)}`)).toEqual([]);
    const recoveryMs = await eventually(
      async () =>
        (await httpJson("/api/v1/users/self", { host: s.domain, token: observers[0].token })).status === 200,
      60_000,
    );
    const ids = rs.map((r) => r.student.id);
    expect(await redemptionInvariant(ids, s.course.id)).toEqual([]);
    // A 200 answer is a link that exists.
    const { db } = await import("../../lib/platform/db.ts");
    for (const [i, r] of rs.entries())
      if (answers[i]?.status === 200)
        expect(
          await db.observationLink.count({ where: { studentId: r.student.id, observerId: r.observer.id } }),
        ).toBe(1);
    await resetThrottles();
    const left = rs.filter((_, i) => answers[i]?.status !== 200);
    const retried = await inBatches(left, 10, async (r) => {
      const code = await db.pairingCode.findFirstOrThrow({ where: { studentId: r.student.id } });
      return code.workflowState === "redeemed" ? 200 : (await redeem(s, r))?.status;
    });
    expect(retried.filter((st) => st !== 200)).toEqual([]);
    expect(await redemptionInvariant(ids, s.course.id)).toEqual([]);
    expect(await db.pairingCode.count({ where: { studentId: { in: ids }, workflowState: "redeemed" } })).toBe(
      rs.length,
    );
    return { recoveryMs, failedDuringFault: left.length };
  }

  beforeAll(async () => {
    s = await school();
    observers = await Promise.all(Array.from({ length: 50 }, () => member(s, "Parent")));
  });

  it("backends killed during 200 redemptions: invariant holds, the app recovers", async () => {
    const rs = await redemptions(200);
    await resetThrottles();
    const killer = backendKiller(100);
    const answers = await inBatches(rs, 20, (r) => redeem(s, r));
    const killed = await killer.stop();
    expect(killed).toBeGreaterThan(0);
    const outcome = await recovers(rs, answers);
    console.log(
      `backends killed: ${killed}; failed during the fault: ${outcome.failedDuringFault}/200 (${statuses(answers)}); recovered in ${outcome.recoveryMs} ms`,
    );
  }, 600_000);

  it("PostgreSQL crashes and restarts during redemptions: invariant holds, the app recovers", async () => {
    const rs = await redemptions(60);
    await resetThrottles();
    const inFlight = inBatches(rs, 20, (r) => redeem(s, r));
    await new Promise((r) => setTimeout(r, 300));
    const { ms } = await restartPostgres("immediate");
    const answers = await inFlight;
    const outcome = await recovers(rs, answers);
    console.log(
      `PostgreSQL restarted in ${ms} ms; failed during the fault: ${outcome.failedDuringFault}/60 (${statuses(answers)}); recovered in ${outcome.recoveryMs} ms`,
    );
  });
});
