import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/session";
import { getPairingEligibility, MAX_ACTIVE_CODES } from "@/lib/pairing-codes";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { GenerateCode } from "@/components/pairing/generate-code";
import { Page } from "@/components/ui/page";
import { generateCodeAction } from "../code-actions";
import { ActiveCodes } from "./active-codes";
import { MyObservers } from "./my-observers";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor();
  const pairing = await getPairingEligibility(actor);
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
              codes: making another then revokes the oldest.
            </p>
            <GenerateCode action={generateCodeAction} label="Pair with Observer" />
          </div>
        ) : (
          <Notice tone="info">{pairing.reason}</Notice>
        )}
      </Section>
      {pairing.isStudent && <ActiveCodes actor={actor} />}
      {pairing.isStudent && <MyObservers actor={actor} mayRemove={pairing.studentsMayRemoveObservers} />}
    </Page>
  );
}
