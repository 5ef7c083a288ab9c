import type { Metadata } from "next";
import { requireActor } from "@/lib/identity/session";
import { idOr404, or404 } from "../../../page-helpers";
import { getUserDetail, type UserDetail } from "@/lib/admin/users";
import { hasActiveStudentEnrollment } from "@/lib/accounts/permissions";
import { listActivePairingCodes, MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { formatDateTime } from "@/components/format";
import { Section } from "@/components/ui/section";
import { DataTable, type Column } from "@/components/ui/data-table";
import { LinkForm } from "@/components/admin/link-form";
import { GenerateCode } from "@/components/pairing/generate-code";
import { Page } from "@/components/ui/page";
import { generateCodeAction } from "../../../code-actions";
import { findUsersAction, linkAction } from "../actions";
import { ActiveCodes, codeChoices } from "../../../active-codes";
import { viewerTimeZone } from "../../../time-zone";
import { LinkList } from "./link-list";
import { SetupLinkForm } from "./setup-link-form";

export const metadata: Metadata = { title: "User" };

const ENROLLMENT_COLUMNS: Column<UserDetail["enrollments"][number]>[] = [
  { header: "Course", cell: (e) => e.course.name },
  {
    header: "Role",
    cell: (e) => (e.type === "observer" && e.observing ? `observer of ${e.observing.name}` : e.type),
  },
  { header: "State", cell: (e) => e.state },
];

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const user = await or404(getUserDetail(actor, idOr404((await params).id)));
  const [isStudent, timeZone] = await Promise.all([hasActiveStudentEnrollment(user.id), viewerTimeZone()]);
  // An admin who may not make this student's codes (a sub-account admin out of reach) sees none.
  const codes = isStudent
    ? await listActivePairingCodes(actor, { studentId: user.id }).catch(() => null)
    : null;
  return (
    <Page
      title={user.name}
      back={{ href: "/admin/users", label: "All users" }}
      lead={
        user.emailUnverified ? (
          <>
            {user.email} · email not confirmed yet: they registered themself, so they cannot be linked by an
            admin until they open the link in their welcome email.
          </>
        ) : (
          user.email
        )
      }
    >
      <Section id="logins" title="Logins and roles">
        <ul className="flex flex-col gap-1" aria-label="Logins">
          {user.logins.map((l) => (
            <li key={l.id}>
              <span className="font-medium break-all">{l.uniqueId}</span> · {l.rootAccount}
              {l.sisUserId && ` · SIS id ${l.sisUserId}`}
              {l.workflowState !== "active" && " · deleted"} ·{" "}
              {l.lastLoginAt ? `last sign-in ${formatDateTime(l.lastLoginAt, timeZone)}` : "never signed in"}
              {!l.hasPassword && " · no password chosen yet"}
              {l.mayRenewSetupLink && <SetupLinkForm loginId={l.id} login={l.uniqueId} />}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-slate-700">
          {user.roles.length
            ? `Admin roles: ${user.roles.map((r) => `${r.role} of ${r.account}`).join(", ")}`
            : "No admin roles."}
        </p>
      </Section>
      <Section id="enrollments" title="Enrollments">
        {user.enrollments.length === 0 ? (
          <p className="text-slate-700">No enrollments.</p>
        ) : (
          <DataTable label="Enrollments table" columns={ENROLLMENT_COLUMNS} rows={user.enrollments} />
        )}
      </Section>
      {(
        [
          { title: "Observes", id: "observees", links: user.observees, as: "observer" },
          { title: "Observed by", id: "observers", links: user.observers, as: "student" },
        ] as const
      ).map((list) => (
        <LinkList key={list.id} {...list} user={user} timeZone={timeZone} />
      ))}
      {user.manageableRootAccounts.length > 0 && (
        <Section id="link" title="Link an observer and a student">
          <LinkForm
            user={{ id: user.id, name: user.name }}
            isStudent={isStudent}
            rootAccounts={user.manageableRootAccounts}
            action={linkAction}
            search={findUsersAction}
          />
        </Section>
      )}
      {codes && (
        <Section
          id="code"
          title="Pairing code"
          description="Make a code to print or hand to this student's parent or guardian."
        >
          <GenerateCode
            action={generateCodeAction}
            studentId={user.id}
            forName={user.name}
            label="Generate pairing code"
            printable
            timeZone={timeZone}
            activeCodes={codeChoices(codes, timeZone)}
            limit={MAX_ACTIVE_CODES}
          />
        </Section>
      )}
      {codes && (
        <ActiveCodes
          codes={codes}
          limit={MAX_ACTIVE_CODES}
          timeZone={timeZone}
          student={{ id: user.id, name: user.name }}
        />
      )}
    </Page>
  );
}
