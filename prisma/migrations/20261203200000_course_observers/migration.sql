-- Course-level observers: teachers may link observers from a course's People page (off by
-- default, like teachers making codes), and a contact line shown to parents on Observing.
ALTER TABLE "accounts" ADD COLUMN "teachers_may_link_observers" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "accounts" ADD COLUMN "observer_contact" TEXT;
