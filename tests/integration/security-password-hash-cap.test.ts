// Password hashes are capped per process: a flood of sign-ins cannot start unbounded Argon2
// hashes (19 MiB and a libuv thread each); excess checks wait briefly, then get "try again".
import { describe, expect, it } from "vitest";
import {
  burnPasswordCheck,
  hashPassword,
  hashSlotStats,
  verifyPassword,
  withHashSlot,
} from "../../lib/identity/passwords.ts";

describe("password hashing: a cap on concurrent hashes", () => {
  it("N parallel hashes and checks never run more than the cap at once", async () => {
    const known = await hashPassword("correct horse battery");
    const { limit } = hashSlotStats(true);
    const n = limit * 4;
    // Sampled from inside the semaphore: every running hash holds a slot.
    let inside = 0;
    let most = 0;
    const probe = () =>
      withHashSlot("signIn", async () => {
        most = Math.max(most, ++inside, hashSlotStats().active);
        await new Promise((r) => setTimeout(r, 20));
        inside--;
      });
    const results = await Promise.all([
      ...Array.from({ length: n }, (_, i) =>
        verifyPassword(known, i % 2 ? "correct horse battery" : "wrong"),
      ),
      ...Array.from({ length: n }, () =>
        hashPassword("another password").then((h) => h.startsWith("$argon2id$")),
      ),
      ...Array.from({ length: n }, () => burnPasswordCheck("whatever").then(() => true)),
      ...Array.from({ length: n }, () => probe().then(() => true)),
    ]);
    expect(results.slice(0, n)).toEqual(Array.from({ length: n }, (_, i) => i % 2 === 1));
    expect(results.slice(n).every(Boolean)).toBe(true);
    const stats = hashSlotStats();
    expect(stats.peak).toBeLessThanOrEqual(limit);
    expect(most).toBeLessThanOrEqual(limit);
    expect(stats.peak).toBe(limit); // they did run side by side, up to the cap
    expect(stats).toMatchObject({ active: 0, waiting: 0 });
  }, 60_000);

  it("a sign-in check finding every slot taken waits briefly, then gets 'try again'", async () => {
    const known = await hashPassword("correct horse battery");
    const { limit } = hashSlotStats();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    // Bulk work (an import's passwords) holding every slot.
    const held = Array.from({ length: limit }, () => withHashSlot("bulk", () => gate));
    const started = Date.now();
    await expect(verifyPassword(known, "correct horse battery")).rejects.toMatchObject({
      code: "rate_limited",
      message: "The server is busy. Please try again in a moment.",
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // it did wait first
    // Sign-in checks waiting go before bulk hashing waiting (queued first) once slots free up.
    const order: string[] = [];
    const queued = [
      ...Array.from({ length: limit }, () => withHashSlot("bulk", async () => void order.push("bulk"))),
      withHashSlot("signIn", async () => void order.push("sign-in")),
    ];
    open();
    await Promise.all([...held, ...queued]);
    expect(order[0]).toBe("sign-in");
    expect(await verifyPassword(known, "correct horse battery")).toBe(true);
    expect(hashSlotStats()).toMatchObject({ active: 0, waiting: 0 });
  }, 60_000);
});
