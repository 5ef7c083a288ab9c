-- An access token is a credential of the school (root account) it was made at: made in Settings,
-- through the API or with the CLI, it authenticates on that school's hosts only. Tokens made
-- before this column (and operators' tokens made without a school) have none and keep the
-- earlier rule: any school where their user holds an active login.
ALTER TABLE "access_tokens" ADD COLUMN "root_account_id" INTEGER;
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
