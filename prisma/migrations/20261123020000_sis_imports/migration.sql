-- Bulk imports (Canvas SIS Imports, family rosters, OneRoster): the import, its staged rows, its messages.
-- CreateEnum
CREATE TYPE "SisImportState" AS ENUM ('created', 'importing', 'imported', 'imported_with_messages', 'failed', 'failed_with_messages', 'aborted');

-- CreateTable
CREATE TABLE "sis_imports" (
    "id" SERIAL NOT NULL,
    "root_account_id" INTEGER NOT NULL,
    "created_by_id" INTEGER,
    "import_type" TEXT NOT NULL,
    "workflow_state" "SisImportState" NOT NULL DEFAULT 'created',
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "skip_deletes" BOOLEAN NOT NULL DEFAULT false,
    "origin" TEXT,
    "files" JSONB NOT NULL DEFAULT '[]',
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "processed_seq" INTEGER NOT NULL DEFAULT 0,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "warning_count" INTEGER NOT NULL DEFAULT 0,
    "notified_through" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sis_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_import_rows" (
    "import_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT,
    "sis_user_id" TEXT,
    "login_id" TEXT,
    "name" TEXT,
    "sortable_name" TEXT,
    "short_name" TEXT,
    "email" TEXT,
    "password_hash" TEXT,
    "observer_ref" TEXT,
    "student_ref" TEXT,
    "student_ref_type" TEXT,
    "relationship" TEXT,
    "resolved_user_id" INTEGER,
    "student_user_id" INTEGER,
    "observer_user_id" INTEGER,
    "outcome" TEXT,
    "message" TEXT,

    CONSTRAINT "sis_import_rows_pkey" PRIMARY KEY ("import_id","seq")
);

-- CreateTable
CREATE TABLE "sis_import_messages" (
    "id" SERIAL NOT NULL,
    "import_id" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "row" INTEGER,
    "message" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'warning',

    CONSTRAINT "sis_import_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sis_imports_root_account_id_id_idx" ON "sis_imports"("root_account_id", "id");

-- CreateIndex
CREATE INDEX "sis_imports_workflow_state_idx" ON "sis_imports"("workflow_state");

-- CreateIndex
CREATE INDEX "sis_import_messages_import_id_id_idx" ON "sis_import_messages"("import_id", "id");


-- AddForeignKey
ALTER TABLE "sis_imports" ADD CONSTRAINT "sis_imports_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sis_imports" ADD CONSTRAINT "sis_imports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sis_import_rows" ADD CONSTRAINT "sis_import_rows_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "sis_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sis_import_messages" ADD CONSTRAINT "sis_import_messages_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "sis_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One import at a time per root account: at most one may be importing.
CREATE UNIQUE INDEX "sis_imports_one_importing_per_account" ON "sis_imports"("root_account_id") WHERE "workflow_state" = 'importing';
