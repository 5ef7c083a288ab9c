import "server-only";
// Mail delivery as jobs of the job system (lib/platform/jobs.ts): one `mail-send` job per email
// waiting in the outbox, retried by pg-boss with backoff (1, 2, 4… minutes; MAX_ATTEMPTS sends in
// all). The jobs are made by a sweep of the outbox, run as a worker starts (so mail queued before a
// restart goes out with no new event) and at each wake-up deliverSoon sends after a commit.
//
// The outbox row stays the truth and a job only carries it: a send claims its row with FOR UPDATE
// SKIP LOCKED, sends while holding it, and only while the row is unsent, under MAX_ATTEMPTS and
// due. So a second job for one email (a sweep racing a retry, instances sweeping at once) skips it
// or finds it sent, and nothing is sent twice. A per-email job singleton alone could not promise
// that: pg-boss lets a job waiting to retry and a new one with the same key exist side by side.
// The backoff is the row's (`next_attempt_at`, from its `attempts`), which admins see; a job that
// arrives before it is due puts one back for then rather than sending early.
import type PgBoss from "pg-boss";
import { db, pool } from "../platform/db.ts";
import { jobQueue } from "../platform/jobs.ts";
import { MAIL_WAKE_QUEUE, mailer, mailWakeQueue, textToSendInTx } from "./outbox.ts";

const SEND_QUEUE = "mail-send";
/** Sends of one email before it is given up (its last error stays in the outbox). */
const MAX_ATTEMPTS = 6;
const SWEEP_PAGE = 1000;

type Waiting = {
  id: number;
  to: string;
  subject: string;
  text: string;
  attempts: number;
  setupLink: string | null;
  setupTokenId: number | null;
  dueInSeconds: number | null;
};

/**
 * Sends email `id` if it is waiting and due. `failed`: the error of a send to be tried again (the
 * job fails with it, and pg-boss retries it); `dueInSeconds`: not due yet; neither: nothing to do.
 */
async function deliverEmail(
  id: number,
  retryDelay: number,
): Promise<{ failed?: string; dueInSeconds?: number }> {
  const smtp = mailer();
  if (!smtp) return {};
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Waiting[]>`
      SELECT id, "to", subject, text, attempts, setup_link AS "setupLink", setup_token_id AS "setupTokenId",
             ceil(extract(epoch FROM next_attempt_at - (now() AT TIME ZONE 'UTC')))::int AS "dueInSeconds"
        FROM outbox_emails
       WHERE id = ${id} AND sent_at IS NULL AND attempts < ${MAX_ATTEMPTS}
         FOR UPDATE SKIP LOCKED`;
    // Sent, given up, or being sent by another job (which sees to its retry).
    if (!row) return {};
    if (row.dueInSeconds !== null && row.dueInSeconds > 0) return { dueInSeconds: row.dueInSeconds };
    // A setup link is issued here, in this transaction (row locked): each attempt a fresh token.
    const text = await textToSendInTx(tx, row);
    if (text === null) {
      await tx.outboxEmail.update({
        where: { id },
        data: { attempts: MAX_ATTEMPTS, error: "Not sent: its setup link was used or replaced." },
      });
      return {};
    }
    try {
      await smtp.sendMail({
        from: process.env.MAIL_FROM ?? "Observer Pairing <no-reply@localhost>",
        to: row.to,
        subject: row.subject,
        text,
      });
      await tx.$executeRaw`UPDATE outbox_emails SET sent_at = now() AT TIME ZONE 'UTC',
        attempts = attempts + 1, error = NULL WHERE id = ${id}`;
      return {};
    } catch (err) {
      const error = String((err as Error).message ?? err).slice(0, 500);
      // pg-boss retries a job failed for the n-th time no sooner than retryDelay·2^(n-1) seconds
      // after it fails it (which is after this commits, by the same clock): for the job that has
      // carried this email since its first attempt, exactly when it falls due.
      const backoff = retryDelay * 2 ** row.attempts;
      await tx.$executeRaw`UPDATE outbox_emails SET attempts = attempts + 1, error = ${error},
        next_attempt_at = (now() AT TIME ZONE 'UTC') + ${backoff}::int * interval '1 second'
        WHERE id = ${id}`;
      return row.attempts + 1 < MAX_ATTEMPTS ? { failed: error } : {};
    }
  });
}

/** Jobs that carry emails, each after `dueInSeconds`; `short` keeps one waiting job per email. */
function carryEmails(b: PgBoss, retryDelay: number, emails: { id: number; dueInSeconds?: number }[]) {
  return b.insert(
    emails.map(({ id, dueInSeconds = 0 }) => ({
      name: SEND_QUEUE,
      data: { emailId: id },
      singletonKey: String(id),
      startAfter: `${dueInSeconds} seconds`, // pg-boss adds an interval to the database's now()
      retryLimit: MAX_ATTEMPTS - 1,
      retryDelay,
      retryBackoff: true,
    })),
  );
}

/** A job for each waiting, due email. */
async function sweepOutbox(b: PgBoss, retryDelay: number): Promise<number> {
  let after = 0;
  let found = 0;
  for (;;) {
    const { rows } = await pool.query<{ id: number }>(
      `SELECT id FROM outbox_emails WHERE id > $1 AND sent_at IS NULL AND attempts < $2
          AND (next_attempt_at IS NULL OR next_attempt_at <= (now() AT TIME ZONE 'UTC'))
        ORDER BY id LIMIT $3`,
      [after, MAX_ATTEMPTS, SWEEP_PAGE],
    );
    if (rows.length === 0) return found;
    await carryEmails(b, retryDelay, rows);
    found += rows.length;
    after = rows[rows.length - 1].id;
  }
}

let workingOn: PgBoss | null = null;

/**
 * Starts this process's mail worker (idempotent), and sends what waits in the outbox. Without
 * SMTP_URL it does nothing: mail stays in the outbox. `retryDelaySeconds` (the first backoff, 60)
 * is shorter in tests.
 */
export async function startMailWorker(options: { retryDelaySeconds?: number } = {}): Promise<void> {
  if (!mailer()) return;
  const retryDelay = options.retryDelaySeconds ?? 60;
  const b = await jobQueue(SEND_QUEUE, { policy: "short" });
  await mailWakeQueue();
  if (workingOn === b) return;
  workingOn = b;
  let sender = "";
  sender = await b.work<{ emailId: number }>(
    SEND_QUEUE,
    { pollingIntervalSeconds: 1, includeMetadata: true },
    async ([job]) => {
      const { failed, dueInSeconds } = await deliverEmail(job.data.emailId, job.retryDelay);
      if (dueInSeconds) await carryEmails(b, job.retryDelay, [{ id: job.data.emailId, dueInSeconds }]);
      // On to the next email at once rather than after the polling interval: imports queue thousands.
      if (sender) b.notifyWorker(sender);
      if (failed) throw new Error(failed);
    },
  );
  const sweep = async () => {
    if ((await sweepOutbox(b, retryDelay)) > 0) b.notifyWorker(sender);
  };
  await b.work(MAIL_WAKE_QUEUE, { pollingIntervalSeconds: 1 }, sweep);
  await sweep().catch((err) => console.error("[mail] the outbox sweep failed:", err));
}
