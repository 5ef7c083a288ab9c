// 50 observers redeem one code at the same instant, 100 rounds, over real HTTP: each round exactly
// one link (to the one observer answered 200), the code redeemed by them, no 5xx.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import {
  member,
  pairingCode,
  resetThrottles,
  school,
  students,
  type Member,
  type School,
} from "./fixtures.ts";
import { httpJson, randomIp } from "./harness.ts";

const ROUNDS = 100;
const RACERS = 50;
/** Rounds run side by side (different students and codes; 50 racers each), to keep the suite short. */
const SIDE_BY_SIDE = 4;

describe("racing redemptions of one code", () => {
  let s: School;
  let observers: Member[];
  let kids: Member[];

  beforeAll(async () => {
    s = await school();
    observers = await Promise.all(Array.from({ length: RACERS }, () => member(s, "Parent")));
    kids = await students(s, ROUNDS);
  });

  /** One round: all racers at once on the kid's new code; the checks of that round; its statuses. */
  async function round(kid: Member): Promise<number[]> {
    const code = await pairingCode(s, kid);
    const answers = await Promise.all(
      observers.map((o) =>
        httpJson("/api/v1/users/self/observees", {
          method: "POST",
          host: s.domain,
          token: o.token,
          ip: randomIp(),
          body: new URLSearchParams({ pairing_code: code }),
        }),
      ),
    );
    expect(answers.filter((a) => a.status >= 500).map((a) => a.text)).toEqual([]);
    const winners = observers.filter((_, i) => answers[i].status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.find((a) => a.status === 200)?.json).toMatchObject({ id: kid.id });

    const links = await db.observationLink.findMany({ where: { studentId: kid.id } });
    expect(links.map((l) => [l.observerId, l.workflowState])).toEqual([[winners[0].id, "active"]]);
    const codes = await db.pairingCode.findMany({ where: { studentId: kid.id } });
    expect(codes.map((c) => [c.workflowState, c.redeemedById])).toEqual([["redeemed", winners[0].id]]);
    return answers.map((a) => a.status);
  }

  it(`${RACERS} observers × ${ROUNDS} rounds: exactly one link per round, no 5xx`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < kids.length; i += SIDE_BY_SIDE) {
      // The losers' failures count as wrong guesses; each batch starts with fresh budgets so every
      // racer really reaches the redemption instead of a 429.
      await resetThrottles();
      const batch = await Promise.all(kids.slice(i, i + SIDE_BY_SIDE).map(round));
      statuses.push(...batch.flat());
    }
    expect(statuses.filter((st) => st === 200)).toHaveLength(ROUNDS);
    // Every loser got the one answer to a failed redemption.
    expect(statuses.filter((st) => st === 422)).toHaveLength(ROUNDS * (RACERS - 1));
  }, 900_000);
});
