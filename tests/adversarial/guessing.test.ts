// Guessing pairing codes over real HTTP (issue 10): a lone account guessing 10,000 codes and 200
// accounts × 50 guesses from rotating addresses link nothing and learn nothing from the answers;
// while the attacked school's budget is spent, a parent with the right code still links (and a
// new family still registers), and another school is untouched.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/platform/db.ts";
import { createPairingCode } from "../../lib/pairing-codes/index.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { MESSAGES } from "../../lib/platform/errors.ts";
import { CHALLENGE_MESSAGE, GUESS_LIMITS, THROTTLED_MESSAGE } from "../../lib/identity/throttle/index.ts";
import { actorFor, defaultRootAccount, makeStudent, makeUser, uid } from "../helpers/factory.ts";
import { bearerFor, recordIssued } from "./harness.ts";
import { inParallel, post, randomCode, shapeOf, solve, type Answer } from "./guessing-http.ts";

async function school() {
  await defaultRootAccount(); // never let a test school become the default one
  const domain = `guess-${uid()}.test`;
  const account = await createRootAccount({
    name: `Guessing ${domain}`,
    domain,
    selfRegistration: "observers",
  });
  const student = await makeStudent(account.id);
  const { code } = await createPairingCode(actorFor(student, account.id), { studentId: student.id });
  recordIssued("pairing-code", code);
  return { account, domain, student, code };
}

const links = (rootAccountId: number) =>
  db.observationLink.count({ where: { rootAccountId, workflowState: "active" } });

/**
 * Every answer is one of four, whatever was guessed: a wrong code, the wrong code that spent the
 * guesser's last try (saying until when: it depends on the guesser's own count, never on the
 * code), a throttled guesser, a challenge. Returns how many answers spent a last try.
 */
function expectUniform(answers: Answer[]): number {
  const wrong = JSON.stringify(MESSAGES.invalidPairingCode).slice(0, -1);
  const allowed = [
    new RegExp(`^422 ${escape(wrong)}"$`),
    new RegExp(`^422 ${escape(wrong)} No tries are left until \\d\\d:\\d\\d UTC \\(in \\d+ minutes?\\)\\."$`),
    new RegExp(`^429 ${escape(JSON.stringify(THROTTLED_MESSAGE))}$`),
    new RegExp(`^429 ${escape(JSON.stringify(CHALLENGE_MESSAGE))} \\+challenge$`),
  ];
  const shapes = answers.map(shapeOf);
  expect([...new Set(shapes)].filter((s) => !allowed.some((r) => r.test(s)))).toEqual([]);
  return shapes.filter((s) => allowed[1].test(s)).length;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("guessing pairing codes", () => {
  it("10,000 random codes from one account: 0 links, one answer per kind, throttled after the account's limit", async () => {
    const s = await school();
    const attacker = await makeUser(s.account.id);
    const token = await bearerFor(attacker.id);
    const window = (t: number) => Math.floor(t / (GUESS_LIMITS.observer.windowSeconds * 1000));
    const started = Date.now();
    const answers = await inParallel(10_000, 16, () =>
      post("/api/v1/users/self/observees", { pairing_code: randomCode() }, { host: s.domain, token }),
    );
    // The limit counts in fixed 15-minute windows: a slow run that crosses into the next window gets
    // that window's tries too (a loaded machine once took 15 minutes over this test), never more.
    const windows = window(Date.now()) - window(started) + 1;
    expect(await links(s.account.id)).toBe(0);
    // The last try is announced once per window the run saw, at most.
    const lastTries = expectUniform(answers);
    expect(lastTries).toBeGreaterThanOrEqual(1);
    expect(lastTries).toBeLessThanOrEqual(windows);
    const wrong = answers.filter((a) => a.status === 422).length;
    expect(wrong).toBeGreaterThanOrEqual(GUESS_LIMITS.observer.max);
    expect(wrong).toBeLessThanOrEqual(GUESS_LIMITS.observer.max * windows);
    expect(answers.filter((a) => a.status === 429 && a.retryAfter)).toHaveLength(10_000 - wrong);
  }, 900_000);

  it("200 accounts × 50 guesses from rotating addresses: 0 links; then a parent with the right code links, and a new family registers", async () => {
    const s = await school();
    const attackers = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const user = await makeUser(s.account.id);
        return { user, token: await bearerFor(user.id) };
      }),
    );
    const answers = await inParallel(200 * 50, 16, (i) =>
      post(
        "/api/v1/users/self/observees",
        { pairing_code: randomCode() },
        { host: s.domain, token: attackers[i % 200].token },
      ),
    );
    expect(await links(s.account.id)).toBe(0);
    expectUniform(answers);
    // The school's budget was spent: the rest were asked for a challenge or refused, none tried.
    const tried = answers.filter((a) => a.status === 422).length;
    expect(tried).toBeLessThanOrEqual(GUESS_LIMITS.school.max + 200 * GUESS_LIMITS.observer.underAttackMax);
    expect(answers.some((a) => a.json?.challenge)).toBe(true);
    expect(
      await db.auditEvent.count({
        where: { action: "throttle.challenge_started", rootAccountId: s.account.id },
      }),
    ).toBe(1);

    // A parent with the right code: asked for a challenge, solves it, links.
    const parent = await makeUser(s.account.id);
    const token = await bearerFor(parent.id);
    const asked = await post(
      "/api/v1/users/self/observees",
      { pairing_code: s.code },
      { host: s.domain, token },
    );
    expect(asked.status).toBe(429);
    const linked = await post(
      "/api/v1/users/self/observees",
      { pairing_code: s.code, challenge: await solve(asked) },
      { host: s.domain, token },
    );
    expect(linked.status).toBe(200);
    expect(linked.json).toMatchObject({ id: s.student.id });
    expect(await links(s.account.id)).toBe(1);

    // A new family registering with another code of the same student, anonymously.
    const { code } = await createPairingCode(actorFor(s.student, s.account.id), { studentId: s.student.id });
    recordIssued("pairing-code", code);
    const email = `family-${uid()}@test.example`;
    const body = {
      user: { name: "New Family", initial_enrollment_type: "observer" },
      pseudonym: { unique_id: email, password: "a-good-passphrase-42" },
      pairing_code: { code },
    };
    recordIssued("password", body.pseudonym.password);
    const first = await post("/api/v1/accounts/self/users", body, { host: s.domain });
    expect(first.status).toBe(429);
    const registered = await post(
      "/api/v1/accounts/self/users",
      { ...body, challenge: await solve(first) },
      { host: s.domain },
    );
    expect(registered.status).toBe(200);
    expect(await links(s.account.id)).toBe(2);

    // Another school meanwhile: a wrong code is a plain 422, a right one links at once.
    const other = await school();
    const otherParent = await makeUser(other.account.id);
    const otherToken = await bearerFor(otherParent.id);
    expect(
      (
        await post(
          "/api/v1/users/self/observees",
          { pairing_code: randomCode() },
          { host: other.domain, token: otherToken },
        )
      ).status,
    ).toBe(422);
    expect(
      (
        await post(
          "/api/v1/users/self/observees",
          { pairing_code: other.code },
          { host: other.domain, token: otherToken },
        )
      ).status,
    ).toBe(200);
  }, 900_000);
});
