"use server";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionErrorState, zodFieldErrors, type ActionState } from "@/lib/platform/action-state";
import { formId } from "@/lib/platform/ids";
import { requireActor } from "@/lib/identity/session";
import {
  addSchoolSsoProvider,
  enableSchoolSsoProvider,
  removeSchoolSsoProvider,
  updateSchoolSsoProvider,
} from "@/lib/identity/sso/admin";
import { setStaffPasswordSignIn } from "@/lib/identity/sso/password-policy";
import { SSO_TEST_COOKIE, SSO_TEST_COOKIE_PATH, startSsoTest } from "@/lib/identity/sso/test-sign-in";
import { idAction } from "../../../id-action";

const PAGE = "/admin/settings/sign-in";
const checkbox = z.preprocess((v) => v === "on", z.boolean());

// Snake_case form fields, as on every other form; the lib schema checks them again.
const providerFormSchema = z.object({
  name: z.string().trim().min(1, "Give the button a label.").max(120),
  issuer: z.string().trim().min(1, "Enter the issuer URL.").max(500),
  client_id: z.string().trim().min(1, "Enter the client ID.").max(500),
  client_secret: z.string().max(2000).optional(),
  claim: z.string().trim().max(200).optional(),
  for_parents: checkbox,
});

/** The provider form's fields, or the form state that says what to fix. */
function providerFields(formData: FormData) {
  const values = Object.fromEntries(
    ["name", "issuer", "client_id", "claim", "for_parents"].map((k) => [k, String(formData.get(k) ?? "")]),
  );
  const parsed = providerFormSchema.safeParse({
    ...values,
    client_secret: String(formData.get("client_secret") ?? "") || undefined,
  });
  if (parsed.success) return { values, data: parsed.data };
  const invalid: ActionState = {
    ok: false,
    fieldErrors: zodFieldErrors(parsed.error.issues),
    values,
    message: "Fix the highlighted fields.",
  };
  return { values, invalid };
}

const NO_SUCH_PROVIDER: ActionState = { ok: false, message: "That provider does not exist." };
const providerId = (formData: FormData) =>
  formId("That provider does not exist.").safeParse(formData.get("provider_id")).data;

const toInput = (d: z.infer<typeof providerFormSchema>) => ({
  name: d.name,
  issuer: d.issuer,
  clientId: d.client_id,
  clientSecret: d.client_secret,
  claim: d.claim || "email",
  forParents: d.for_parents,
});

export async function addProviderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const { values, data, invalid } = providerFields(formData);
  if (!data) return invalid;
  if (!data.client_secret)
    return { ok: false, fieldErrors: { client_secret: ["Enter the client secret."] }, values };
  try {
    const input = { ...toInput(data), clientSecret: data.client_secret };
    await addSchoolSsoProvider(actor, { ...input, rootAccountId: actor.domainRootAccountId });
  } catch (err) {
    return actionErrorState(err, values);
  }
  revalidatePath(PAGE);
  return {
    ok: true,
    message: "Provider added, switched off. Register its redirect URI, then run “Test sign-in”.",
  };
}

export async function updateProviderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const { values, data, invalid } = providerFields(formData);
  const id = providerId(formData);
  if (!id) return NO_SUCH_PROVIDER;
  if (!data) return invalid;
  try {
    await updateSchoolSsoProvider(actor, { ...toInput(data), id, rootAccountId: actor.domainRootAccountId });
  } catch (err) {
    return actionErrorState(err, values);
  }
  revalidatePath(PAGE);
  return { ok: true, message: "Provider saved.", values };
}

export async function switchProviderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const id = providerId(formData);
  if (!id) return NO_SUCH_PROVIDER;
  const enabled = formData.get("enabled") === "true";
  try {
    await enableSchoolSsoProvider(actor, { rootAccountId: actor.domainRootAccountId, id, enabled });
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath(PAGE);
  return { ok: true, message: enabled ? "Switched on." : "Switched off." };
}

export const removeProviderAction = idAction({
  field: "provider_id",
  done: "Provider removed.",
  revalidate: PAGE,
  run: (actor, id) => removeSchoolSsoProvider(actor, { rootAccountId: actor.domainRootAccountId, id }),
});

export async function staffPasswordsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const allowed = formData.get("staff_passwords") === "on";
  try {
    await setStaffPasswordSignIn(actor, { rootAccountId: actor.domainRootAccountId, allowed });
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath(PAGE);
  return {
    ok: true,
    message: allowed
      ? "Students and staff may sign in with a password."
      : "Students and staff now sign in with the school's provider; parents and school admins keep their passwords.",
  };
}

/** "Test sign-in": off to the provider; its answer lands back on this page (lib/identity/sso/test-sign-in.ts). */
export async function testProviderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const id = providerId(formData);
  if (!id) return NO_SUCH_PROVIDER;
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
  let url: string;
  try {
    const test = await startSsoTest(actor, { rootAccountId: actor.domainRootAccountId, id, origin });
    (await cookies()).set(SSO_TEST_COOKIE, test.cookie, {
      path: SSO_TEST_COOKIE_PATH,
      httpOnly: true,
      sameSite: "lax",
      secure: origin.startsWith("https:"),
      maxAge: test.maxAgeSeconds,
    });
    url = test.url;
  } catch (err) {
    return actionErrorState(err);
  }
  redirect(url);
}
