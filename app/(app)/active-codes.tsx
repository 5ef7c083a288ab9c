import type { ActivePairingCode } from "@/lib/pairing-codes";
import { formatDateTime } from "@/components/format";
import { codeHintWords, type CodeChoice } from "@/components/pairing/code-choice";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RowList, RowText } from "@/components/ui/row-list";
import { Section } from "@/components/ui/section";
import { revokeCodeAction } from "./code-actions";

/** The codes as the generate button's choice at the cap shows them (times in the page's zone). */
export const codeChoices = (codes: ActivePairingCode[], timeZone: string): CodeChoice[] =>
  codes.map((c) => ({ id: c.id, hint: c.hint, made: formatDateTime(c.createdAt, timeZone) }));

/**
 * A student's unexpired, unused codes with a Revoke for each: on the student's Settings and on
 * their admin page. Only digests and the last 4 characters are stored, so the codes cannot be
 * shown again, but they can be told apart.
 */
export function ActiveCodes({
  codes,
  limit,
  timeZone,
  student,
}: {
  codes: ActivePairingCode[];
  limit: number;
  timeZone: string;
  /** The student, when someone else (an admin) is looking. */
  student?: { id: number; name: string };
}) {
  return (
    <Section
      id="codes"
      title="Active codes"
      description={`${codes.length} of ${limit} possible. A code is shown in full only when it is made; ${
        student ? "revoke any that should not be used" : "revoke any you did not hand out"
      }. Times are in ${timeZone === "UTC" ? "UTC" : `your time zone (${timeZone})`}.`}
    >
      <RowList
        label="Active codes"
        empty={student ? `${student.name} has no active codes.` : "You have no active codes."}
        items={codes}
      >
        {(c) => (
          <>
            <RowText
              title={`Code ${codeHintWords(c.hint)}`}
              facts={`Made ${formatDateTime(c.createdAt, timeZone)}${c.createdByName ? ` by ${c.createdByName}` : ""} · expires ${formatDateTime(c.expiresAt, timeZone)}`}
            />
            <ConfirmAction
              action={revokeCodeAction}
              fields={{ code_id: c.id, ...(student ? { student_id: student.id } : {}) }}
              trigger="Revoke"
              subject={`code ${codeHintWords(c.hint)}`}
              title="Revoke this pairing code?"
              description={`Nobody will be able to use the code ${codeHintWords(c.hint)} any more. A parent who has not entered it yet will need a new code.`}
              confirm="Revoke code"
            />
          </>
        )}
      </RowList>
    </Section>
  );
}
