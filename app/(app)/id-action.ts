import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionErrorState, type ActionState } from "@/lib/action-state";
import type { Actor } from "@/lib/actor";
import { requireActor } from "@/lib/session";

const idSchema = z.coerce.number().int().positive();

/**
 * The body of the small "do X to record #id" actions behind confirmation dialogs: re-check the
 * session, validate the id, call the one lib/ function, refresh the page.
 */
export async function runIdAction(
  formData: FormData,
  opts: {
    field: string;
    missing: string;
    done: string;
    revalidate: string;
    run: (actor: Actor, id: number) => Promise<unknown>;
  },
): Promise<ActionState> {
  const actor = await requireActor();
  const id = idSchema.safeParse(formData.get(opts.field));
  if (!id.success) return { ok: false, message: opts.missing };
  try {
    await opts.run(actor, id.data);
  } catch (err) {
    return actionErrorState(err);
  }
  revalidatePath(opts.revalidate);
  return { ok: true, message: opts.done };
}
