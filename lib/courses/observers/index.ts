// Observers of one course: who may manage them (access), course-level links (link), ending
// enrollments (remove), Canvas's course users list (users), the People page (people),
// observers' requests to observe in another course (requests, decide, request-lists).
// enrollments.csv's observer rows are set in bulk by lib/observer-links/course-sets.ts.
export * from "./access.ts";
export * from "./link.ts";
export * from "./remove.ts";
export * from "./users.ts";
export * from "./add.ts";
export * from "./people.ts";
export * from "./observing.ts";
export * from "./requests.ts";
export * from "./decide.ts";
export * from "./request-lists.ts";
