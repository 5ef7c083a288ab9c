// Observer links: create/restore with enrollment mirroring (core), listing (queries) and
// admin/observer/student management (manage). One entry point for callers.
export * from "./core.ts";
export * from "./queries.ts";
export * from "./views.ts";
export * from "./manage.ts";
export * from "./target.ts";
export * from "./follow-student.ts";
export * from "./recent.ts";
export * from "./sets.ts";
export * from "./course-sets.ts";
