import Link from "next/link";
import type { UserDetail } from "@/lib/admin/users";
import { formatDate, methodWords } from "@/components/format";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { RowList, RowText } from "@/components/ui/row-list";
import { Section } from "@/components/ui/section";
import { unlinkAction } from "../actions";

type LinkRow = UserDetail["observees"][number];

/** The user's links on one side (observees or observers), each with an Unlink behind a dialog. */
export function LinkList({
  id,
  title,
  user,
  links,
  as,
  timeZone,
}: {
  id: string;
  title: string;
  user: UserDetail;
  links: LinkRow[];
  as: "observer" | "student";
  timeZone: string;
}) {
  const manageable = new Set(user.manageableRootAccounts.map((a) => a.id));
  return (
    <Section id={id} title={title}>
      <RowList
        label={title}
        empty={as === "observer" ? `${user.name} observes nobody.` : `Nobody observes ${user.name}.`}
        items={links}
        rowKey={(l) => `${l.user.id}-${l.rootAccountId}`}
      >
        {(l) => {
          const pair =
            as === "observer"
              ? { observer_id: user.id, student_id: l.user.id }
              : { observer_id: l.user.id, student_id: user.id };
          return (
            <>
              <RowText
                title={
                  <Link
                    href={`/admin/users/${l.user.id}`}
                    className="text-blue-800 underline underline-offset-4"
                  >
                    {l.user.name}
                  </Link>
                }
                facts={`${l.rootAccountName} · since ${formatDate(l.since, timeZone)} · ${methodWords(l.method)}`}
              />
              {manageable.has(l.rootAccountId) && (
                <ConfirmAction
                  action={unlinkAction}
                  fields={{ ...pair, root_account_id: l.rootAccountId }}
                  trigger="Unlink"
                  subject={l.user.name}
                  title="Remove this observer link?"
                  description={
                    as === "observer"
                      ? `${user.name} will stop observing ${l.user.name} in ${l.rootAccountName}.`
                      : `${l.user.name} will stop observing ${user.name} in ${l.rootAccountName}.`
                  }
                  confirm="Unlink"
                />
              )}
            </>
          );
        }}
      </RowList>
    </Section>
  );
}
