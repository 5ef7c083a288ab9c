import "server-only";
import { revalidatePath } from "next/cache";
import { formId } from "@/lib/platform/ids";
import { actionErrorState, type ActionState } from "@/lib/platform/action-state";
import type { Actor } from "@/lib/accounts/actor";
import { requireActor } from "@/lib/identity/session";

const idSchema = formId();

/**
 * A small "do X to record #id" action behind a confirmation dialog: re-checks the session,
 * validates the id (`code_id` missing or malformed: "That code does not exist."), calls the one
 * lib/ function, refreshes the page.
 */
export function idAction(opts: {
  field: `${string}_id`;
  done: string;
  revalidate: string;
  run: (actor: Actor, id: number) => Promise<unknown>;
}) {
  const missing = `That ${opts.field.slice(0, -"_id".length)} does not exist.`;
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const actor = await requireActor();
    const id = idSchema.safeParse(formData.get(opts.field));
    if (!id.success) return { ok: false, message: missing };
    try {
      await opts.run(actor, id.data);
    } catch (err) {
      return actionErrorState(err);
    }
    revalidatePath(opts.revalidate);
    return { ok: true, message: opts.done };
  };
}
