// The kinds of change an import's change log lists, and a change as the page, the CSV and the API read it.

/** In the order the log lists them. */
export const CHANGE_KINDS = [
  "link_created",
  "link_restored",
  "link_removed",
  "course_link_created",
  "course_link_removed",
  "account_created",
  "email_queued",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const AUDIT_ACTION: Record<Exclude<ChangeKind, "email_queued">, string> = {
  link_created: "link.created",
  link_restored: "link.restored",
  link_removed: "link.removed",
  course_link_created: "course_link.created",
  course_link_removed: "course_link.removed",
  account_created: "user.registered",
};

export type ChangePerson = { id: number; name: string; sis_user_id: string | null; login_id: string | null };
export type ImportChangeJson = {
  kind: ChangeKind;
  /** The audit event's id (the outbox email's for email_queued): with kind, the position in the log. */
  id: number;
  created_at: string;
  student: ChangePerson | null;
  observer: ChangePerson | null;
  /** account_created: the account made. */
  account: ChangePerson | null;
  email: { to: string; subject: string } | null;
  /** course_link_*: the course. */
  course_id: number | null;
  /** The staged file and row (as a spreadsheet numbers it) that made the change, where one did. */
  file: string | null;
  row: number | null;
};

/** A change as read: an audit event of the import, or an email it queued. */
export type Raw = {
  kind: ChangeKind;
  k: number;
  id: number;
  created_at: Date;
  subject_id: number | null;
  target_id: number | null;
  course_id: number | null;
  to: string | null;
  subject: string | null;
};
