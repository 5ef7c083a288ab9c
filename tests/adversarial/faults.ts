// Fault injection for the faults tests: killing the app's PostgreSQL backends while it works, and
// the invariant "a redeemed code ⇔ its link exists" (with everything the redemption writes).
import pg from "pg";
import { db } from "../../lib/platform/db.ts";

/**
 * Kills every other client backend of the database every `everyMs` until stopped (the app's, and
 * this test process's own pooled connections: the test stays off the database meanwhile).
 */
export function backendKiller(everyMs: number) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let killed = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      killed += Number(rows[0].n);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await client.end();
  })();
  return {
    async stop(): Promise<number> {
      running = false;
      await done;
      return killed;
    },
  };
}

/**
 * For the students' codes: redeemed ⇔ an active link to the redeemer in the code's school, with its
 * audit event and the observer enrollment in the student's course; an unredeemed code has no link.
 * Returns what is wrong (nothing when the invariant holds).
 */
export async function redemptionInvariant(studentIds: number[], courseId: number): Promise<string[]> {
  const wrong: string[] = [];
  const codes = await db.pairingCode.findMany({ where: { studentId: { in: studentIds } } });
  const links = await db.observationLink.findMany({
    where: { studentId: { in: studentIds }, workflowState: "active" },
  });
  const audits = await db.auditEvent.findMany({
    where: { action: "code.redeemed", subjectId: { in: studentIds } },
  });
  const observerEnrollments = await db.enrollment.findMany({
    where: { courseId, type: "observer", associatedUserId: { in: studentIds }, workflowState: "active" },
  });
  for (const c of codes) {
    const link = links.filter((l) => l.studentId === c.studentId && l.rootAccountId === c.rootAccountId);
    if (c.workflowState === "redeemed") {
      if (link.length !== 1 || link[0].observerId !== c.redeemedById)
        wrong.push(`code ${c.id} redeemed, links ${JSON.stringify(link)}`);
      if (audits.filter((a) => (a.data as { pairingCodeId?: number }).pairingCodeId === c.id).length !== 1)
        wrong.push(`code ${c.id} redeemed without exactly one audit event`);
      if (!observerEnrollments.some((e) => e.associatedUserId === c.studentId && e.userId === c.redeemedById))
        wrong.push(`code ${c.id} redeemed without the observer enrollment`);
    } else if (link.length) wrong.push(`code ${c.id} ${c.workflowState} but linked ${JSON.stringify(link)}`);
  }
  return wrong;
}
