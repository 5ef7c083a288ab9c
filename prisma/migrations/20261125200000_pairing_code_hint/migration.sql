-- The last 4 characters of a pairing code, shown in the student's list of active codes so they can
-- tell which one they printed or sent home. Codes made before this have none (shown as such).
ALTER TABLE "pairing_codes" ADD COLUMN "hint" TEXT NOT NULL DEFAULT '';
