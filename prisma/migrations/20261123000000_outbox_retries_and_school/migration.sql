-- Outbox emails: the school each is about (admins see only their schools' mail), and retries.
ALTER TABLE "outbox_emails" ADD COLUMN "root_account_id" INTEGER,
ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "next_attempt_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "outbox_emails_root_account_id_id_idx" ON "outbox_emails"("root_account_id", "id");

-- AddForeignKey
ALTER TABLE "outbox_emails" ADD CONSTRAINT "outbox_emails_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
