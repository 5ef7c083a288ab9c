-- Single sign-on (issue 19): a school's OpenID Connect providers, and each provider's subjects
-- remembered for the login they first matched.

-- CreateEnum
CREATE TYPE "SsoProtocol" AS ENUM ('oidc');

-- CreateTable
CREATE TABLE "sso_providers" (
    "id" SERIAL NOT NULL,
    "root_account_id" INTEGER NOT NULL,
    "protocol" "SsoProtocol" NOT NULL DEFAULT 'oidc',
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_encrypted" TEXT NOT NULL,
    "claim" TEXT NOT NULL DEFAULT 'email',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sso_providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_subjects" (
    "id" SERIAL NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "login_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_subjects_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sso_providers_root_account_id_idx" ON "sso_providers"("root_account_id");

-- CreateIndex
CREATE INDEX "sso_subjects_login_id_idx" ON "sso_subjects"("login_id");

-- CreateIndex
CREATE UNIQUE INDEX "sso_subjects_provider_id_subject_key" ON "sso_subjects"("provider_id", "subject");

-- AddForeignKey
ALTER TABLE "sso_providers" ADD CONSTRAINT "sso_providers_root_account_id_fkey" FOREIGN KEY ("root_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_subjects" ADD CONSTRAINT "sso_subjects_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "sso_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_subjects" ADD CONSTRAINT "sso_subjects_login_id_fkey" FOREIGN KEY ("login_id") REFERENCES "logins"("id") ON DELETE CASCADE ON UPDATE CASCADE;
