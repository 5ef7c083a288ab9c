"use client";
import { startTransition, useEffect, useRef, useState, type FormEvent } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { solveChallenge } from "@/lib/identity/throttle/challenge-solve";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";

/**
 * A code form's action that answers a guessing challenge by itself: while a school has had too
 * many wrong codes, the server asks new guessers for an ALTCHA proof of work
 * (lib/identity/throttle/challenge.ts). The hook keeps what was submitted (React empties the form
 * after an action), solves the challenge in the page and submits the same values again with the
 * ALTCHA payload. No puzzle to see or hear: the person only waits a moment, told so in a status
 * message.
 */
export function useChallengedAction(state: ActionState, action: (formData: FormData) => void) {
  const submitted = useRef<FormData | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  const challenge = state.challenge;
  const id = challenge?.parameters.nonce ?? null;
  useEffect(() => {
    if (!challenge || !submitted.current || answered === id) return;
    const sent = submitted.current;
    const controller = new AbortController();
    solveChallenge(challenge, controller).then(
      (payload) => {
        setAnswered(id);
        const again = new FormData();
        for (const [k, v] of sent) again.append(k, v);
        again.set("challenge", payload);
        submitted.current = again;
        startTransition(() => action(again));
      },
      () => {}, // aborted: the page moved on
    );
    return () => controller.abort();
  }, [challenge, id, answered, action]);
  // The form keeps the server action itself as its `action` (so it also works before the page's
  // JavaScript has loaded, or without it); what was submitted is noted as the form submits.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    submitted.current = new FormData(event.currentTarget);
  };
  return { onSubmit, solving: Boolean(challenge && answered !== id) };
}

/** What the person sees while their browser does the check. */
export function ChallengeStatus({ solving, message }: { solving: boolean; message?: string }) {
  const t = useTranslations("Forms");
  if (!solving) return null;
  return (
    <Notice tone="info">
      {message} {t("checking")}
    </Notice>
  );
}
