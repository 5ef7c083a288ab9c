-- Course-level links know themselves: an observer enrollment made in one course (People page,
-- enrollments API, an approved request) is flagged, so removing an all-courses link leaves it.
ALTER TABLE "enrollments" ADD COLUMN "course_link" BOOLEAN NOT NULL DEFAULT false;

-- Until now a course-level link was an observer enrollment with no active link behind it.
UPDATE "enrollments" e SET "course_link" = true
 WHERE e."type" = 'observer' AND e."associated_user_id" IS NOT NULL
   AND NOT EXISTS (
     SELECT 1 FROM "observation_links" l
      WHERE l."student_id" = e."associated_user_id" AND l."observer_id" = e."user_id"
        AND l."root_account_id" = e."root_account_id" AND l."workflow_state" = 'active');

-- An observer's request to observe a student in another course.
CREATE TYPE "ObserverRequestState" AS ENUM ('pending', 'approved', 'declined');

CREATE TABLE "observer_requests" (
    "id" SERIAL NOT NULL,
    "observer_id" INTEGER NOT NULL,
    "student_id" INTEGER NOT NULL,
    "root_account_id" INTEGER NOT NULL,
    "note" TEXT,
    "workflow_state" "ObserverRequestState" NOT NULL DEFAULT 'pending',
    "course_id" INTEGER,
    "decided_by_id" INTEGER,
    "decided_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "observer_requests_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "observer_requests_root_account_id_workflow_state_created_at_idx" ON "observer_requests"("root_account_id", "workflow_state", "created_at");
CREATE INDEX "observer_requests_student_id_workflow_state_idx" ON "observer_requests"("student_id", "workflow_state");
-- One open request per observer and student in a school (two quick clicks make one).
CREATE UNIQUE INDEX "observer_requests_one_pending" ON "observer_requests"("observer_id", "student_id", "root_account_id") WHERE "workflow_state" = 'pending';

ALTER TABLE "observer_requests" ADD CONSTRAINT "observer_requests_observer_id_fkey" FOREIGN KEY ("observer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "observer_requests" ADD CONSTRAINT "observer_requests_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "observer_requests" ADD CONSTRAINT "observer_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "observer_requests" ADD CONSTRAINT "observer_requests_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
