import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { registerObserver } from "../../lib/pairing-codes/registration.ts";
import { GUESS_LIMITS, THROTTLED_MESSAGE } from "../../lib/identity/throttle/index.ts";
import { uid } from "../helpers/factory.ts";
import { errorOf } from "../helpers/errors.ts";
import { registrationForm, registrationSchool, solve, spendSchoolBudget } from "../helpers/throttle.ts";

const school = () => registrationSchool();
const form = registrationForm;

describe("self-registration under the school's budget", () => {
  it("'already exists' counts as a guess: one valid code cannot test emails without limit", async () => {
    const s = await school();
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${uid()}`;
    const answers = [];
    for (let i = 0; i < GUESS_LIMITS.observer.max + 1; i++)
      answers.push(
        (await errorOf(registerObserver({ ...form(s.code, s.student.login), host: s.domain, ip }))).code,
      );
    expect(answers.slice(0, GUESS_LIMITS.observer.max).every((c) => c === "bad_request")).toBe(true);
    expect(answers.at(-1)).toBe("rate_limited");
  });

  it("a spent budget asks for a challenge; solved, the family registers and links", async () => {
    const s = await school();
    await spendSchoolBudget(s.account.id);
    const input = { ...form(s.code), host: s.domain, ip: `198.51.100.${uid()}` };
    const asked = await errorOf(registerObserver(input));
    expect(asked.code).toBe("rate_limited");
    expect(asked.message).not.toBe(THROTTLED_MESSAGE);
    expect(await db.login.count({ where: { uniqueIdNormalized: input.unique_id } })).toBe(0);
    const out = await registerObserver({ ...input, challenge: await solve(asked.challenge) });
    expect(out.student).toMatchObject({ id: s.student.id });
  });
});
