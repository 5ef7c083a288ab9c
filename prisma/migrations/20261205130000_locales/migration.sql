-- Families in their own language (issue 21): a user's chosen language (null: the browser's, then
-- the school's) and the school's default. Values are the app's locale codes ("en", "es").
ALTER TABLE "users" ADD COLUMN "locale" TEXT;
ALTER TABLE "accounts" ADD COLUMN "default_locale" TEXT NOT NULL DEFAULT 'en';
