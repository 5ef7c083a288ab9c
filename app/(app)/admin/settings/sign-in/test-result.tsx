import type { SsoTestResult } from "@/lib/identity/sso/test-sign-in";
import { Notice } from "@/components/ui/notice";

const WHY: Record<string, string> = {
  email_unverified: "the provider did not say the email address is verified",
  missing_claim: "the provider did not send that claim",
  unknown_user: "no login here matches it (for a parents' provider: no parent's login)",
  protocol: "the provider's answer failed a check",
  disabled: "the provider is switched off",
};

/** What the last "Test sign-in" found: the claim's value and the login it would sign in, or why not. */
export function TestResult({
  result,
  testedAt,
}: {
  result: (SsoTestResult & { at: string }) | null;
  testedAt: Date | null;
}) {
  if (!result)
    return (
      <p className="text-sm text-slate-700">Not tested yet: run “Test sign-in” before switching it on.</p>
    );
  const value = result.value === null ? "nothing" : `“${result.value}”`;
  return (
    <Notice tone={result.ok && testedAt ? "success" : "error"}>
      {result.ok && result.user
        ? `Test sign-in succeeded: the claim ${result.claim} was ${value}, which signs in ${result.user.name} (${result.user.login}).`
        : `Test sign-in failed: the claim ${result.claim} was ${value}, and ${WHY[result.outcome] ?? "it was refused"}${result.error ? ` (${result.error})` : ""}.`}
    </Notice>
  );
}
