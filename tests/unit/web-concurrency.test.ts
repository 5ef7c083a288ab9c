// How many server processes `npm start` runs and how many database connections each holds.
import { describe, expect, it } from "vitest";
import { servingPlan } from "../../scripts/lib/web-concurrency.mjs";

describe("servingPlan", () => {
  it("one worker per core by default, about 20 database connections shared out (at least 4 each)", () => {
    expect(servingPlan({}, 2)).toEqual({ workers: 2, poolSize: 10 });
    expect(servingPlan({}, 1)).toEqual({ workers: 1, poolSize: 20 });
    expect(servingPlan({}, 8)).toEqual({ workers: 8, poolSize: 4 });
    expect(servingPlan({}, 128)).toEqual({ workers: 64, poolSize: 4 });
  });

  it("WEB_CONCURRENCY and DATABASE_POOL_SIZE override", () => {
    expect(servingPlan({ WEB_CONCURRENCY: "1" }, 8)).toEqual({ workers: 1, poolSize: 20 });
    expect(servingPlan({ WEB_CONCURRENCY: " 3 " }, 2)).toEqual({ workers: 3, poolSize: 7 });
    expect(servingPlan({ WEB_CONCURRENCY: "4", DATABASE_POOL_SIZE: "6" }, 2)).toEqual({
      workers: 4,
      poolSize: 6,
    });
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number from 1 to 64, naming it", () => {
    for (const bad of ["0", "-1", "2.5", "abc", "65", "1e3"])
      expect(() => servingPlan({ WEB_CONCURRENCY: bad }, 2)).toThrow(
        /WEB_CONCURRENCY must be a whole number from 1 to 64/,
      );
  });
});
