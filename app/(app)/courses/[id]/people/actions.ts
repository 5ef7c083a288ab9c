"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formId } from "@/lib/platform/ids";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/platform/action-state";
import {
  addCourseObserver,
  approveObserverRequest,
  declineObserverRequest,
  endEnrollment,
} from "@/lib/courses";
import { booleanParam } from "@/lib/api/schemas/common";
import { requireActor } from "@/lib/identity/session";
import type { Actor } from "@/lib/accounts/actor";

const addSchema = z.object({
  course_id: formId("That course does not exist."),
  email: z.email("Enter the observer's email address.").max(254),
  name: z.string().trim().max(255).optional(),
  student_ids: z.array(formId("Choose students of this course.")).min(1, "Choose at least one student."),
  confirm_student_observer: booleanParam("Set only by the form's confirmation step."),
});

export async function addObserverAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  // React resets the form after the action: what was typed and ticked comes back through `values`.
  const values = {
    email: String(formData.get("email") ?? ""),
    name: String(formData.get("name") ?? ""),
    student_ids: formData.getAll("student_ids").map(String).join(","),
  };
  const parsed = addSchema.safeParse({
    course_id: formData.get("course_id"),
    email: values.email.trim(),
    name: values.name || undefined,
    student_ids: formData.getAll("student_ids"),
    confirm_student_observer: formData.get("confirm_student_observer") ?? undefined,
  });
  if (!parsed.success) return { ok: false, fieldErrors: zodFieldErrors(parsed.error.issues), values };
  const input = parsed.data;
  try {
    const done = await addCourseObserver(actor, {
      courseId: input.course_id,
      email: input.email,
      name: input.name,
      studentIds: input.student_ids,
      confirmStudentObserver: input.confirm_student_observer,
    });
    revalidatePath(`/courses/${input.course_id}/people`);
    const invited = done.invited ? " We emailed them a link to choose a password." : "";
    return { ok: true, message: `${done.observerName} now observes in this course.${invited}` };
  } catch (err) {
    return actionErrorState(err, values);
  }
}

const removeSchema = z.object({
  course_id: formId("That course does not exist."),
  enrollment_id: formId("That link does not exist."),
});

/** Removes a course-level link (the observer enrollment), behind the page's confirmation. */
export async function removeCourseLinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const parsed = removeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: "That link does not exist." };
  const { course_id, enrollment_id } = parsed.data;
  try {
    await endEnrollment(actor, { courseId: course_id, enrollmentId: enrollment_id, task: "delete" });
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath(`/courses/${course_id}/people`);
  return { ok: true, message: "Removed: they no longer observe this student in this course." };
}

const answerSchema = z.object({
  request_id: formId("That request does not exist."),
  course_id: formId("Choose a course.").optional(),
});

/** Staff answer an observer's request: on the People page (its course), or in the Admin area's queue. */
async function answerRequest(
  actor: Actor,
  answer: "approve" | "decline",
  formData: FormData,
): Promise<ActionState> {
  const parsed = answerSchema.safeParse({
    request_id: formData.get("request_id"),
    course_id: formData.get("course_id") || undefined,
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  const { request_id: requestId, course_id: courseId } = parsed.data;
  try {
    let message: string;
    if (answer === "approve") {
      if (!courseId) return { ok: false, message: "Choose a course." };
      const done = await approveObserverRequest(actor, { requestId, courseId });
      message = `Approved: they now observe ${done.studentName} in ${done.courseName}. They have been told.`;
    } else {
      const done = await declineObserverRequest(actor, { requestId, courseId });
      message = `Declined the request to observe ${done.studentName}. They have been told.`;
    }
    revalidatePath("/admin/observer-requests");
    if (courseId) revalidatePath(`/courses/${courseId}/people`);
    return { ok: true, message };
  } catch (err) {
    return actionErrorState(err);
  }
}

/** Approves in one step: in the People page's course, or the course chosen in the Admin area's queue. */
export async function approveRequestAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  return answerRequest(actor, "approve", formData);
}

export async function declineRequestAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  return answerRequest(actor, "decline", formData);
}
