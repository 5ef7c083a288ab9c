// Courses and enrollments: Canvas's course and enrollment API, a teacher's courses, creating courses and enrollments.
export * from "./courses.ts";
export * from "./teaching.ts";
export { enrollUser, type NewEnrollment } from "./provisioning.ts";
export * from "./enrollments/index.ts";
export * from "./observers/index.ts";
