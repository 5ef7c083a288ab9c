-- Single sign-on, the rest of issue 19: providers for parents, the admin page's test sign-in,
-- and the per-school switch for students' and staff's passwords.
ALTER TABLE "accounts" ADD COLUMN "staff_password_sign_in" BOOLEAN NOT NULL DEFAULT true;

ALTER TABLE "sso_providers" ADD COLUMN "for_parents" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "tested_at" TIMESTAMP(3),
ADD COLUMN "last_test" JSONB;
