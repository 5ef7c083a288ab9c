import "server-only";
// At the end of a real run, each student who gained observers hears about it once, naming all of
// them — not once per row. Done in chunks of students in id order with the checkpoint
// notified_through (checkpointed.ts), so a restart neither skips nor repeats anyone.
import type pg from "pg";
import { linkNotice } from "../mail/notifications.ts";
import { inCheckpointedChunks } from "./checkpointed.ts";

const CHUNK = 2000;

type Row = { student_id: number; name: string; email: string | null; observers: string[] };

export async function notifyStudents(client: pg.ClientBase, imp: { id: number; root_account_id: number }) {
  await inCheckpointedChunks(client, imp.id, "notified_through", async (after) => {
    const { rows } = await client.query<Row>(
      `SELECT r.student_user_id AS student_id, s.name, s.email,
              array_agg(DISTINCT o.name ORDER BY o.name) AS observers
         FROM sis_import_rows r JOIN users s ON s.id = r.student_user_id JOIN users o ON o.id = r.observer_user_id
        WHERE r.import_id = $1 AND r.outcome IN ('created', 'linked') AND r.student_user_id > $2
        GROUP BY r.student_user_id, s.name, s.email ORDER BY r.student_user_id LIMIT $3`,
      [imp.id, after, CHUNK],
    );
    if (rows.length === 0) return [];
    const notices = rows.map((r) => ({
      ...r,
      ...linkNotice({ studentName: r.name, observerNames: r.observers }),
    }));
    await client.query(
      `INSERT INTO notifications (user_id, kind, subject, body)
       SELECT u, 'observer_linked', s, b FROM unnest($1::int[], $2::text[], $3::text[]) AS x(u, s, b)`,
      [notices.map((n) => n.student_id), notices.map((n) => n.subject), notices.map((n) => n.body)],
    );
    const mailed = notices.filter((n) => n.email);
    await client.query(
      `INSERT INTO outbox_emails (root_account_id, "to", subject, text, sis_import_id)
       SELECT $1::int, *, $5::int FROM unnest($2::text[], $3::text[], $4::text[])`,
      [
        imp.root_account_id,
        mailed.map((n) => n.email),
        mailed.map((n) => n.textSubject),
        mailed.map((n) => n.text),
        imp.id,
      ],
    );
    return rows.map((r) => r.student_id);
  });
}
