-- Scheduled syncs (issue 17 §7): a school's nightly import from an HTTPS URL, as a diffed data set.
CREATE TABLE "sync_schedules" (
    "id" SERIAL NOT NULL,
    "root_account_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "import_type" TEXT NOT NULL,
    "credential_kind" TEXT NOT NULL DEFAULT 'none',
    "credential_username" TEXT,
    "credential_secret" TEXT,
    "time_of_day" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "data_set" TEXT NOT NULL,
    "change_threshold" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "run_as_id" INTEGER,
    "last_run_at" TIMESTAMP(3),
    "last_outcome" TEXT,
    "last_message" TEXT,
    "last_import_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sync_schedules_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "sync_schedules_root_account_id_name_key" ON "sync_schedules"("root_account_id", "name");

ALTER TABLE "sync_schedules" ADD CONSTRAINT "sync_schedules_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "sync_schedules" ADD CONSTRAINT "sync_schedules_run_as_id_fkey" FOREIGN KEY ("run_as_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The schedule an import was downloaded by (null: uploaded).
ALTER TABLE "sis_imports" ADD COLUMN "sync_schedule_id" INTEGER;
ALTER TABLE "sis_imports" ADD CONSTRAINT "sis_imports_sync_schedule_id_fkey" FOREIGN KEY ("sync_schedule_id") REFERENCES "sync_schedules"("id") ON DELETE SET NULL ON UPDATE CASCADE;
