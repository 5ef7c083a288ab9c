import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/session";
import { getPairingEligibility, listActivePairingCodes, MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { GenerateCode } from "@/components/pairing/generate-code";
import { Page } from "@/components/ui/page";
import { generateCodeAction } from "../code-actions";
import { ActiveCodes, codeChoices } from "../active-codes";
import { viewerTimeZone } from "../time-zone";
import { MyObservers } from "./my-observers";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor();
  const [pairing, timeZone] = await Promise.all([getPairingEligibility(actor), viewerTimeZone()]);
  const codes = pairing.isStudent ? await listActivePairingCodes(actor, { studentId: actor.userId }) : [];
  return (
    <Page
      title="Settings"
      aside={
        <Link href="/settings/tokens" className="text-blue-800 underline underline-offset-4">
          Access tokens
        </Link>
      }
    >
      <Section
        id="pair"
        title="Pair with Observer"
        description="A parent or guardian who enters your pairing code can follow your courses. Only share it with them."
      >
        {pairing.canGenerate ? (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-slate-700">
              A code works once and expires after {pairing.lifetimeDays}{" "}
              {pairing.lifetimeDays === 1 ? "day" : "days"}. You can have up to {MAX_ACTIVE_CODES} active
              codes; with that many, you choose which one to revoke before making another.
            </p>
            <GenerateCode
              action={generateCodeAction}
              label="Pair with Observer"
              timeZone={timeZone}
              activeCodes={codeChoices(codes, timeZone)}
              limit={MAX_ACTIVE_CODES}
            />
          </div>
        ) : (
          <Notice tone="info">{pairing.reason}</Notice>
        )}
      </Section>
      {pairing.isStudent && <ActiveCodes codes={codes} limit={MAX_ACTIVE_CODES} timeZone={timeZone} />}
      {pairing.isStudent && (
        <MyObservers actor={actor} mayRemove={pairing.studentsMayRemoveObservers} timeZone={timeZone} />
      )}
    </Page>
  );
}
