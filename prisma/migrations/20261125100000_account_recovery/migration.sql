-- Account recovery and email verification (issue 11 item 1, issue 10 item 9): one-time links get a
-- purpose (each with its own lifetime, see lib/setup-tokens.ts), users get a session version (a
-- password change ends every older session) and, for self-registered accounts, email verification.
CREATE TYPE "OneTimeLinkPurpose" AS ENUM ('setup', 'reset', 'verify_email');

ALTER TABLE "password_setup_tokens" ADD COLUMN "purpose" "OneTimeLinkPurpose" NOT NULL DEFAULT 'setup';

ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "self_registered" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "email_verified_at" TIMESTAMP(3);

-- Accounts that registered themselves before this change are self-registered and unverified: a
-- confirmation link sent from their Settings, or a password link from an admin, verifies them.
UPDATE "users" SET "self_registered" = true
 WHERE "id" IN (SELECT "target_id" FROM "audit_events" WHERE "action" = 'user.registered');
