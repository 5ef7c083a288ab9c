import type { Actor } from "@/lib/accounts/actor";
import { listObserverLinks } from "@/lib/observer-links";
import { formatDate, methodWords } from "@/components/format";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RowList, RowText } from "@/components/ui/row-list";
import { Section } from "@/components/ui/section";
import { removeObserverAction } from "./actions";

/** Who observes the student (Canvas shows students nothing of this). */
export async function MyObservers({
  actor,
  mayRemove,
  timeZone,
}: {
  actor: Actor;
  mayRemove: boolean;
  timeZone: string;
}) {
  const links = await listObserverLinks(actor, { studentId: actor.userId });
  return (
    <Section
      id="observers"
      title="My observers"
      description="These people can follow your courses. If someone here should not be, tell your school."
    >
      <RowList
        label="My observers"
        empty="Nobody observes your account."
        items={links}
        rowKey={(l) => `${l.observer.id}-${l.rootAccountId}`}
      >
        {(l) => (
          <>
            <RowText
              title={l.observer.name}
              facts={`Since ${formatDate(l.since, timeZone)} · linked via ${methodWords(l.method)} · ${l.rootAccountName}`}
            />
            {(l.studentMayRemove ?? mayRemove) && (
              <ConfirmAction
                action={removeObserverAction}
                fields={{ observer_id: l.observer.id }}
                trigger="Remove"
                subject={l.observer.name}
                title={`Remove ${l.observer.name}?`}
                description="They will no longer see your courses. They can only observe you again with a new pairing code or through your school."
                confirm="Remove observer"
              />
            )}
          </>
        )}
      </RowList>
      {!mayRemove && links.length > 0 && (
        <p className="mt-3 text-sm text-slate-700">
          Your school manages who observes you: ask them to remove an observer.
        </p>
      )}
    </Section>
  );
}
