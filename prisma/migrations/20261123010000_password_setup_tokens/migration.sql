-- One-time links for logins made without a password (an admin's POST /accounts/:id/users).
CREATE TABLE "password_setup_tokens" (
    "id" SERIAL NOT NULL,
    "login_id" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_setup_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "password_setup_tokens_digest_key" ON "password_setup_tokens"("digest");

-- CreateIndex
CREATE INDEX "password_setup_tokens_login_id_idx" ON "password_setup_tokens"("login_id");

-- AddForeignKey
ALTER TABLE "password_setup_tokens" ADD CONSTRAINT "password_setup_tokens_login_id_fkey" FOREIGN KEY ("login_id") REFERENCES "logins"("id") ON DELETE CASCADE ON UPDATE CASCADE;
