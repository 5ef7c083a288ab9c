import type { Actor } from "@/lib/actor";
import { listActivePairingCodes, MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { formatDateTime } from "@/components/format";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Section } from "@/components/ui/section";
import { revokeCodeAction } from "./actions";

/** The student's unexpired, unused codes. Only digests are stored, so the codes themselves cannot be shown again. */
export async function ActiveCodes({ actor }: { actor: Actor }) {
  const codes = await listActivePairingCodes(actor, { studentId: actor.userId });
  return (
    <Section
      id="codes"
      title="Active codes"
      description={`${codes.length} of ${MAX_ACTIVE_CODES} possible. For your safety a code is shown only once; revoke any you did not hand out.`}
    >
      {codes.length === 0 ? (
        <p className="text-slate-700">You have no active codes.</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="Active codes">
          {codes.map((c, i) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <span>
                Code {i + 1}: made {formatDateTime(c.createdAt)}
                {c.createdByName ? ` by ${c.createdByName}` : ""}, expires {formatDateTime(c.expiresAt)}
              </span>
              <ConfirmAction
                action={revokeCodeAction}
                fields={{ code_id: c.id }}
                trigger="Revoke"
                triggerLabel={`Revoke code ${i + 1}`}
                title="Revoke this pairing code?"
                description="Nobody will be able to use it any more. A parent who has not entered it yet will need a new code."
                confirm="Revoke code"
              />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
