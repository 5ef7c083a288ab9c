// What the admin screens and the home navigation read: users, courses with code slips, the audit log, the home summary.
export * from "./users.ts";
export * from "./courses.ts";
export * from "./audit-log.ts";
export * from "./home.ts";
