// Which enrollments and courses count as current: one definition for every rule that asks
// "is this a student (of that course) now?" — code generation, observer mirroring, access.
import type { CourseState, EnrollmentState } from "./generated/prisma/enums.ts";

/** Canvas's current enrollments: accepted, or invited and not yet accepted. */
export const LIVE_ENROLLMENT_STATES: EnrollmentState[] = ["active", "invited"];

/** Courses still running (not concluded or deleted). */
export const LIVE_COURSE_STATES: CourseState[] = ["available", "unpublished"];

export const liveEnrollment = { workflowState: { in: LIVE_ENROLLMENT_STATES } };
export const liveCourse = { workflowState: { in: LIVE_COURSE_STATES } };

/** A current student enrollment in a running course. */
export const liveStudentEnrollment = { type: "student" as const, ...liveEnrollment, course: liveCourse };
