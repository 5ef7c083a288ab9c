import type { Actor } from "@/lib/actor";
import { listObserverLinks } from "@/lib/observer-links";
import { formatDate, methodWords } from "@/components/format";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Section } from "@/components/ui/section";
import { removeObserverAction } from "./actions";

/** Who observes the student (Canvas shows students nothing of this). */
export async function MyObservers({ actor, mayRemove }: { actor: Actor; mayRemove: boolean }) {
  const links = await listObserverLinks(actor, { studentId: actor.userId });
  return (
    <Section
      id="observers"
      title="My observers"
      description="These people can follow your courses. If someone here should not be, tell your school."
    >
      {links.length === 0 ? (
        <p className="text-slate-700">Nobody observes your account.</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="My observers">
          {links.map((l) => (
            <li
              key={`${l.observer.id}-${l.rootAccountId}`}
              className="flex flex-wrap items-center justify-between gap-2 py-3"
            >
              <div>
                <p className="font-semibold">{l.observer.name}</p>
                <p className="text-sm text-slate-700">
                  Since {formatDate(l.since)} · linked via {methodWords(l.method)} · {l.rootAccountName}
                </p>
              </div>
              {(l.studentMayRemove ?? mayRemove) && (
                <ConfirmAction
                  action={removeObserverAction}
                  fields={{ observer_id: l.observer.id }}
                  trigger="Remove"
                  triggerLabel={`Remove ${l.observer.name}`}
                  title={`Remove ${l.observer.name}?`}
                  description="They will no longer see your courses. They can only observe you again with a new pairing code or through your school."
                  confirm="Remove observer"
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {!mayRemove && links.length > 0 && (
        <p className="mt-3 text-sm text-slate-700">
          Your school manages who observes you: ask them to remove an observer.
        </p>
      )}
    </Section>
  );
}
