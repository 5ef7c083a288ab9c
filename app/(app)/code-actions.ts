"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formId, optionalFormId } from "@/lib/platform/ids";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import type { Actor } from "@/lib/accounts/actor";
import { courseCodeSlips } from "@/lib/admin/courses";
import { toAppError } from "@/lib/platform/errors";
import {
  createPairingCode,
  listActivePairingCodes,
  REPLACE_FIELD,
  revokePairingCode,
  type NewPairingCode,
} from "@/lib/pairing-codes";
import { getLocale } from "next-intl/server";
import { pairingQr } from "@/lib/platform/qr";
import { schoolOrigin } from "@/lib/accounts/origin";
import { requireActor } from "@/lib/identity/session";
import type { ShownCode } from "@/components/pairing/code-card";
import type { CodeChoice } from "@/components/pairing/code-choice";
import { formatDateTime } from "@/components/format";
import { viewerTimeZone } from "./time-zone";

type GenerateCodeState = ActionState & { code?: ShownCode; choose?: CodeChoice[] };

const optionalId = optionalFormId();
const generateSchema = z.object({ student_id: optionalId, replace_code_id: optionalId });

/** A new code as the page shows and prints it: with its QR, on its school's address. */
async function shownCode(made: NewPairingCode): Promise<ShownCode> {
  const qr = await pairingQr(
    { code: made.code, rootAccountId: made.rootAccountId, lang: await getLocale() },
    await schoolOrigin(made.rootAccountId),
  );
  return {
    id: made.id,
    code: made.code,
    expires_at: made.expires_at,
    school: made.schoolName,
    student: made.studentName,
    qr,
  };
}

/** The student's active codes to choose from, for a page that has no list of them (a course). */
async function choices(actor: Actor, studentId: number): Promise<CodeChoice[]> {
  const timeZone = await viewerTimeZone();
  const codes = await listActivePairingCodes(actor, { studentId });
  return codes.map((c) => ({ id: c.id, hint: c.hint, made: formatDateTime(c.createdAt, timeZone) }));
}

/**
 * A pairing code for the signed-in student, or (admins, permitted teachers) for `student_id`. At
 * the cap the code to revoke is `replace_code_id`, chosen on the page; without one the refusal
 * comes back with the codes to choose from.
 */
export async function generateCodeAction(
  _prev: GenerateCodeState,
  formData: FormData,
): Promise<GenerateCodeState> {
  const actor = await requireActor();
  const parsed = generateSchema.safeParse({
    student_id: formData.get("student_id"),
    replace_code_id: formData.get("replace_code_id"),
  });
  if (!parsed.success) return { ok: false, message: "That student or code does not exist." };
  const studentId = parsed.data.student_id ?? actor.userId;
  try {
    const made = await createPairingCode(actor, { studentId, replaceCodeId: parsed.data.replace_code_id });
    revalidatePath("/settings");
    revalidatePath("/admin/users", "layout");
    return { ok: true, code: await shownCode(made) };
  } catch (err) {
    const state: GenerateCodeState = actionErrorState(err);
    if (toAppError(err)?.fieldErrors?.[REPLACE_FIELD]) {
      // Codes made meanwhile elsewhere (another tab, the API): the page's list catches up too.
      state.choose = await choices(actor, studentId);
      revalidatePath("/settings");
      revalidatePath("/admin/users", "layout");
    }
    return state;
  }
}

type SlipsState = ActionState & { slips?: ShownCode[] };

/** A new code for every student of a course, as printable slips (the CSV's codes, on paper). */
export async function courseSlipsAction(_prev: SlipsState, formData: FormData): Promise<SlipsState> {
  const actor = await requireActor();
  const courseId = formId().safeParse(formData.get("course_id"));
  if (!courseId.success) return { ok: false, message: "That course does not exist." };
  try {
    const codes = await courseCodeSlips(actor, courseId.data, formData.get("revoke_oldest") === "on");
    revalidatePath("/admin/users", "layout");
    return { ok: true, slips: await Promise.all(codes.map(shownCode)) };
  } catch (err) {
    return actionErrorState(err);
  }
}

const revokeSchema = z.object({ code_id: formId(), student_id: optionalId });

/** Revokes one of a student's active codes: the student's own (Settings) or, with `student_id`, staff's. */
export async function revokeCodeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const parsed = revokeSchema.safeParse({
    code_id: formData.get("code_id"),
    student_id: formData.get("student_id"),
  });
  if (!parsed.success) return { ok: false, message: "That code does not exist." };
  const studentId = parsed.data.student_id ?? actor.userId;
  try {
    await revokePairingCode(actor, { studentId, codeId: parsed.data.code_id });
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath("/settings");
  revalidatePath("/admin/users", "layout");
  return { ok: true, message: "Code revoked." };
}
