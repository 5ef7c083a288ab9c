import type { Actor } from "@/lib/actor";
import { listActivePairingCodes, MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { formatDateTime } from "@/components/format";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RowList } from "@/components/ui/row-list";
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
      <RowList label="Active codes" empty="You have no active codes." items={codes}>
        {(c, i) => (
          <>
            <span>
              Code {i + 1}: made {formatDateTime(c.createdAt)}
              {c.createdByName ? ` by ${c.createdByName}` : ""}, expires {formatDateTime(c.expiresAt)}
            </span>
            <ConfirmAction
              action={revokeCodeAction}
              fields={{ code_id: c.id }}
              trigger="Revoke"
              subject={`code ${i + 1}`}
              title="Revoke this pairing code?"
              description="Nobody will be able to use it any more. A parent who has not entered it yet will need a new code."
              confirm="Revoke code"
            />
          </>
        )}
      </RowList>
    </Section>
  );
}
