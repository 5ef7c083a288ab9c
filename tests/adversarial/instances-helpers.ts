// The several-instances test's world: two `next start` instances of the suite's build on the
// suite's database behind Debian's nginx (scripts/lib/instances.mjs, shared with bench:resilience),
// and families made directly in the database, each with recorded API tokens.
import { db } from "../../lib/platform/db.ts";
import { createCourse, enrollUser } from "../../lib/courses/provisioning.ts";
import { createUserWithLogin } from "../../lib/identity/provisioning.ts";
import { defaultRootAccount, TEST_PASSWORD, uid } from "../helpers/factory.ts";
import { api, redeem, type Answer } from "../../scripts/lib/http-client.mjs";
import type { Cluster } from "../../scripts/lib/instances.mjs";
export { addressFor, pool } from "../../scripts/lib/resilience-load.mjs";
import { bearerFor, recordIssued } from "./harness.ts";

export type Pair = {
  studentId: number;
  observerId: number;
  student: string;
  observer: string;
  login: string;
};

/**
 * `n` (student, observer) pairs of the default school (the one 127.0.0.1 answers), with tokens;
 * with `passwords`, the observers can also sign in with TEST_PASSWORD.
 */
export async function makePairs(n: number, { passwords = false } = {}): Promise<Pair[]> {
  const school = await defaultRootAccount();
  const course = await createCourse({ accountId: school.id, name: `Instances ${uid()}` });
  const pairs: Pair[] = [];
  for (let i = 0; i < n; i++) {
    const tag = uid();
    const student = await createUserWithLogin({
      name: `Student ${tag}`,
      uniqueId: `student-${tag}@instances.example`,
      rootAccountId: school.id,
    });
    await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
    const login = `parent-${tag}@instances.example`;
    const observer = await createUserWithLogin({
      name: `Parent ${tag}`,
      uniqueId: login,
      rootAccountId: school.id,
      ...(passwords ? { password: TEST_PASSWORD } : {}),
    });
    pairs.push({
      studentId: student.id,
      observerId: observer.id,
      student: await bearerFor(student.id),
      observer: await bearerFor(observer.id),
      login,
    });
  }
  return pairs;
}

/** The student's new code (recorded as issued), made through the proxy. */
export async function codeThrough(cluster: Pick<Cluster, "url">, pair: Pair, from?: string): Promise<string> {
  const r = await api(cluster.url, pair.student, "POST", "/users/self/observer_pairing_codes", undefined, {
    from,
  });
  if (r.status !== 200) throw new Error(`making a code answered ${r.status}: ${r.text.slice(0, 200)}`);
  recordIssued("pairing-code", r.json.code);
  return r.json.code;
}

/** Make a code and redeem it, each step retried (as a person would) on no answer or a 5xx. */
export async function pairThrough(cluster: Cluster, pair: Pair, from: string) {
  const answers: (Answer & { at: number; retry: boolean })[] = [];
  const tryStep = async (step: () => Promise<Answer>) => {
    for (let t = 0; t < 3; t++) {
      const r = { ...(await step()), at: Date.now(), retry: t > 0 };
      answers.push(r);
      if (r.status !== 0 && r.status < 500) return r;
    }
    return answers[answers.length - 1];
  };
  const made = await tryStep(() =>
    api(cluster.url, pair.student, "POST", "/users/self/observer_pairing_codes", undefined, { from }),
  );
  if (made.status !== 200) return { pair, answers, ok: false };
  recordIssued("pairing-code", made.json.code);
  const r = await tryStep(() => redeem(cluster.url, pair.observer, made.json.code, { from }));
  return { pair, answers, ok: r.status === 200 };
}

/** For each pair: linked (active) and how many of its codes the observer redeemed. */
export async function linkState(pairs: Pair[]) {
  return Promise.all(
    pairs.map(async (p) => ({
      linked: await db.observationLink.count({
        where: { studentId: p.studentId, observerId: p.observerId, workflowState: "active" },
      }),
      redeemed: await db.pairingCode.count({
        where: { studentId: p.studentId, redeemedById: p.observerId, workflowState: "redeemed" },
      }),
    })),
  );
}
