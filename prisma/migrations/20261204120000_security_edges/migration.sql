-- Who made an enrollment, kept on the enrollment (issue 18 §3): staff below the root may make
-- pairing codes only through enrollments that did not come from themselves or their peers.
CREATE TYPE "EnrollmentSource" AS ENUM ('sis', 'root_admin', 'sub_account_admin', 'teacher', 'legacy');

ALTER TABLE "enrollments" ADD COLUMN "source" "EnrollmentSource" NOT NULL DEFAULT 'legacy',
                          ADD COLUMN "created_by_id" INTEGER;
ALTER TABLE "enrollments" ALTER COLUMN "source" SET DEFAULT 'sis';

-- Once, at migration time: enrollments made or revived through the API were audited with who
-- did it. Those by someone who is not a root admin of the enrollment's school become
-- sub-account admins' (they were the only others who could), so the rule holds for them too.
-- (The running app never reads security state from audit JSON.)
UPDATE "enrollments" e SET "source" = 'sub_account_admin', "created_by_id" = a.actor_id
  FROM (SELECT DISTINCT ON ((data->>'enrollmentId')::int) (data->>'enrollmentId')::int AS enrollment_id, actor_id
          FROM "audit_events"
         WHERE action IN ('enrollment.created', 'enrollment.updated') AND actor_id IS NOT NULL
           AND data->>'enrollmentId' ~ '^[0-9]+$'
         ORDER BY (data->>'enrollmentId')::int, created_at DESC) a
 WHERE e.id = a.enrollment_id
   AND NOT EXISTS (SELECT 1 FROM "account_admins" aa
                    WHERE aa.user_id = a.actor_id AND aa.account_id = e.root_account_id
                      AND aa.workflow_state = 'active');

-- Signed-out sessions (issue 18 §4): a session's id is refused until the session would have
-- expired anyway, so a copied cookie stops working at sign-out.
CREATE TABLE "revoked_sessions" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "revoked_sessions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "revoked_sessions_expires_at_idx" ON "revoked_sessions"("expires_at");
ALTER TABLE "revoked_sessions" ADD CONSTRAINT "revoked_sessions_user_id_fkey"
  FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
