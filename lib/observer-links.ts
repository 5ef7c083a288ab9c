// Observer links: create/restore with enrollment mirroring (core), listing (queries) and
// admin/observer/student management (manage). One entry point for callers.
export * from "./observer-links/core.ts";
export * from "./observer-links/queries.ts";
export * from "./observer-links/views.ts";
export * from "./observer-links/manage.ts";
export * from "./observer-links/target.ts";
export * from "./observer-links/follow-student.ts";
export * from "./observer-links/recent.ts";
