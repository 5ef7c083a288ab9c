-- Password-setup links are no longer kept at rest (see lib/password-setup.ts): a token row has no
-- digest until its email is sent, and the email keeps a placeholder where the link goes.
ALTER TABLE "password_setup_tokens" ALTER COLUMN "digest" DROP NOT NULL;

ALTER TABLE "outbox_emails" ADD COLUMN "setup_link" TEXT,
ADD COLUMN "setup_token_id" INTEGER;

-- CreateIndex
CREATE INDEX "outbox_emails_setup_token_id_idx" ON "outbox_emails"("setup_token_id");

-- AddForeignKey
ALTER TABLE "outbox_emails" ADD CONSTRAINT "outbox_emails_setup_token_id_fkey" FOREIGN KEY ("setup_token_id") REFERENCES "password_setup_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Links already written into the outbox: take them out of the text (the placeholder of
-- lib/setup-tokens.ts), keeping the link without its token and the row it belongs to.
WITH found AS (
  SELECT o.id, m[1] AS link, m[2] AS token
    FROM "outbox_emails" o,
         regexp_match(o."text", '(https?://[^[:space:]?]+/set-password)\?token=([A-Za-z0-9_-]+)') AS m
   WHERE m IS NOT NULL
)
UPDATE "outbox_emails" o
   SET "setup_link" = f.link,
       "setup_token_id" = t.id,
       "text" = replace(o."text", f.link || '?token=' || f.token, '[one-time link, added when this email is sent]')
  FROM found f
  LEFT JOIN "password_setup_tokens" t ON t."digest" = encode(sha256(convert_to(f.token, 'UTF8')), 'hex')
 WHERE o.id = f.id;

-- The token of an email never sent was only ever readable in the outbox: withdraw it (sending the
-- email issues a fresh one). Sent emails' links stay valid for their recipients.
UPDATE "password_setup_tokens" t
   SET "digest" = NULL
  FROM "outbox_emails" o
 WHERE o."setup_token_id" = t.id AND o."sent_at" IS NULL AND t."used_at" IS NULL;
