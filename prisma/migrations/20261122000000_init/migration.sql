-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SelfRegistration" AS ENUM ('none', 'observers', 'all');

-- CreateEnum
CREATE TYPE "WorkflowState" AS ENUM ('active', 'deleted');

-- CreateEnum
CREATE TYPE "UserState" AS ENUM ('active', 'suspended', 'deleted');

-- CreateEnum
CREATE TYPE "EnrollmentType" AS ENUM ('student', 'teacher', 'ta', 'observer');

-- CreateEnum
CREATE TYPE "EnrollmentState" AS ENUM ('active', 'invited', 'inactive', 'completed', 'deleted');

-- CreateEnum
CREATE TYPE "CourseState" AS ENUM ('available', 'unpublished', 'completed', 'deleted');

-- CreateEnum
CREATE TYPE "PairingCodeState" AS ENUM ('active', 'redeemed', 'revoked');

-- CreateEnum
CREATE TYPE "LinkMethod" AS ENUM ('code', 'qr', 'admin', 'sis', 'api', 'credentials', 'self_registration');

-- CreateTable
CREATE TABLE "accounts" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "parent_id" INTEGER,
    "root_account_id" INTEGER,
    "domain" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "sis_account_id" TEXT,
    "self_registration" "SelfRegistration" NOT NULL DEFAULT 'none',
    "pairing_code_lifetime_minutes" INTEGER NOT NULL DEFAULT 10080,
    "students_may_remove_observers" BOOLEAN NOT NULL DEFAULT false,
    "teachers_may_generate_codes" BOOLEAN NOT NULL DEFAULT false,
    "workflow_state" "WorkflowState" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "sortable_name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,
    "email" TEXT,
    "avatar_url" TEXT,
    "pronouns" TEXT,
    "workflow_state" "UserState" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logins" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "root_account_id" INTEGER NOT NULL,
    "unique_id" TEXT NOT NULL,
    "unique_id_normalized" TEXT NOT NULL,
    "password_hash" TEXT,
    "sis_user_id" TEXT,
    "workflow_state" "WorkflowState" NOT NULL DEFAULT 'active',
    "last_login_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "logins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_admins" (
    "id" SERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'AccountAdmin',
    "workflow_state" "WorkflowState" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_admins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "courses" (
    "id" SERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "root_account_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "course_code" TEXT NOT NULL,
    "sis_course_id" TEXT,
    "workflow_state" "CourseState" NOT NULL DEFAULT 'available',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "courses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollments" (
    "id" SERIAL NOT NULL,
    "course_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "root_account_id" INTEGER NOT NULL,
    "type" "EnrollmentType" NOT NULL,
    "associated_user_id" INTEGER,
    "workflow_state" "EnrollmentState" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "observation_links" (
    "id" SERIAL NOT NULL,
    "student_id" INTEGER NOT NULL,
    "observer_id" INTEGER NOT NULL,
    "root_account_id" INTEGER NOT NULL,
    "workflow_state" "WorkflowState" NOT NULL DEFAULT 'active',
    "method" "LinkMethod" NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "observation_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pairing_codes" (
    "id" SERIAL NOT NULL,
    "student_id" INTEGER NOT NULL,
    "root_account_id" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "workflow_state" "PairingCodeState" NOT NULL DEFAULT 'active',
    "created_by_id" INTEGER NOT NULL,
    "redeemed_by_id" INTEGER,
    "redeemed_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pairing_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_tokens" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3),
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" SERIAL NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" INTEGER,
    "subject_id" INTEGER,
    "target_id" INTEGER,
    "root_account_id" INTEGER,
    "method" "LinkMethod",
    "ip" TEXT,
    "data" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key","window_start")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "read_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_emails" (
    "id" SERIAL NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sent_at" TIMESTAMP(3),
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_emails_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_domain_key" ON "accounts"("domain");

-- CreateIndex
CREATE INDEX "accounts_parent_id_idx" ON "accounts"("parent_id");

-- CreateIndex
CREATE INDEX "accounts_root_account_id_idx" ON "accounts"("root_account_id");

-- CreateIndex
CREATE INDEX "users_sortable_name_id_idx" ON "users"("sortable_name", "id");

-- CreateIndex
CREATE INDEX "users_email_idx" ON "users"("email");

-- CreateIndex
CREATE INDEX "logins_user_id_idx" ON "logins"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "logins_root_account_id_unique_id_normalized_key" ON "logins"("root_account_id", "unique_id_normalized");

-- CreateIndex
CREATE UNIQUE INDEX "logins_root_account_id_sis_user_id_key" ON "logins"("root_account_id", "sis_user_id");

-- CreateIndex
CREATE INDEX "account_admins_user_id_idx" ON "account_admins"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "account_admins_account_id_user_id_role_key" ON "account_admins"("account_id", "user_id", "role");

-- CreateIndex
CREATE INDEX "courses_account_id_idx" ON "courses"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "courses_root_account_id_sis_course_id_key" ON "courses"("root_account_id", "sis_course_id");

-- CreateIndex
CREATE INDEX "enrollments_user_id_workflow_state_idx" ON "enrollments"("user_id", "workflow_state");

-- CreateIndex
CREATE INDEX "enrollments_associated_user_id_idx" ON "enrollments"("associated_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "enrollments_course_id_user_id_type_associated_user_id_key" ON "enrollments"("course_id", "user_id", "type", "associated_user_id");

-- CreateIndex
CREATE INDEX "observation_links_observer_id_workflow_state_idx" ON "observation_links"("observer_id", "workflow_state");

-- CreateIndex
CREATE UNIQUE INDEX "observation_links_student_id_observer_id_root_account_id_key" ON "observation_links"("student_id", "observer_id", "root_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "pairing_codes_digest_key" ON "pairing_codes"("digest");

-- CreateIndex
CREATE INDEX "pairing_codes_student_id_workflow_state_created_at_idx" ON "pairing_codes"("student_id", "workflow_state", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "access_tokens_digest_key" ON "access_tokens"("digest");

-- CreateIndex
CREATE INDEX "access_tokens_user_id_idx" ON "access_tokens"("user_id");

-- CreateIndex
CREATE INDEX "audit_events_root_account_id_created_at_idx" ON "audit_events"("root_account_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_subject_id_created_at_idx" ON "audit_events"("subject_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_actor_id_created_at_idx" ON "audit_events"("actor_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_action_created_at_idx" ON "audit_events"("action", "created_at");

-- CreateIndex
CREATE INDEX "rate_limit_counters_window_start_idx" ON "rate_limit_counters"("window_start");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "outbox_emails_created_at_idx" ON "outbox_emails"("created_at");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logins" ADD CONSTRAINT "logins_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logins" ADD CONSTRAINT "logins_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_admins" ADD CONSTRAINT "account_admins_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_admins" ADD CONSTRAINT "account_admins_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_associated_user_id_fkey" FOREIGN KEY ("associated_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_links" ADD CONSTRAINT "observation_links_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_links" ADD CONSTRAINT "observation_links_observer_id_fkey" FOREIGN KEY ("observer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_links" ADD CONSTRAINT "observation_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_links" ADD CONSTRAINT "observation_links_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pairing_codes" ADD CONSTRAINT "pairing_codes_student_id_fkey" FOREIGN KEY ("student_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pairing_codes" ADD CONSTRAINT "pairing_codes_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pairing_codes" ADD CONSTRAINT "pairing_codes_redeemed_by_id_fkey" FOREIGN KEY ("redeemed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pairing_codes" ADD CONSTRAINT "pairing_codes_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: enrollments other than observer enrollments have no associated user, and a
-- plain unique index treats NULLs as distinct, so keep (course, user, type) unique for those.
CREATE UNIQUE INDEX "enrollments_course_user_type_plain_key" ON "enrollments"("course_id", "user_id", "type") WHERE "associated_user_id" IS NULL;

-- At most one default root account (it answers hosts that no account claims).
CREATE UNIQUE INDEX "accounts_one_default_key" ON "accounts"("is_default") WHERE "is_default";
