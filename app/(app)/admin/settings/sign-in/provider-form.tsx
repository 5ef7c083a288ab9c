"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action-state";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { addProviderAction, updateProviderAction } from "./actions";

type Provider = {
  id: number;
  name: string;
  issuer: string;
  clientId: string;
  claim: string;
  forParents: boolean;
};

/** Adding a provider (no `provider`) or editing one: the same fields, the secret never shown again. */
export function ProviderForm({ provider }: { provider?: Provider }) {
  const [state, action] = useActionState(
    provider ? updateProviderAction : addProviderAction,
    {} as ActionState,
  );
  const v = state.values;
  const key = provider ? `p${provider.id}` : "new";
  const field = (name: string) => ({ id: `${key}-${name}`, name, state });
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      {provider && <input type="hidden" name="provider_id" value={provider.id} />}
      <Field
        {...field("name")}
        label="Button label"
        hint="What the sign-in page's button says, e.g. “Students and staff: Sign in with Google”."
        defaultValue={v?.name ?? provider?.name}
        required
      />
      <Field
        {...field("issuer")}
        label="Issuer URL"
        type="url"
        hint="The provider's discovery document is read from it and checked."
        defaultValue={v?.issuer ?? provider?.issuer}
        required
      />
      <Field
        {...field("client_id")}
        label="Client ID"
        defaultValue={v?.client_id ?? provider?.clientId}
        required
      />
      <Field
        {...field("client_secret")}
        label="Client secret"
        type="password"
        autoComplete="off"
        hint={provider ? "Leave blank to keep the stored secret." : "Stored encrypted; never shown again."}
        required={!provider}
      />
      <Field
        {...field("claim")}
        label="Claim that names the login"
        hint="“email” (only when the provider verified it), “sub”, or a claim holding the SIS id. Parents' providers always use email."
        defaultValue={v?.claim ?? provider?.claim ?? "email"}
      />
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name="for_parents"
          defaultChecked={v ? v.for_parents === "on" : provider?.forParents}
          className="mt-1"
        />{" "}
        For parents and guardians (Google or Microsoft accounts, matched to a parent&apos;s verified email)
      </label>
      {provider && (
        <p className="text-sm text-slate-700">
          Changing the issuer, client, secret, claim or audience switches the provider off until a test
          sign-in succeeds again.
        </p>
      )}
      <div>
        <SubmitButton pendingText={provider ? "Saving…" : "Checking the issuer…"}>
          {provider ? "Save provider" : "Add provider"}
        </SubmitButton>
      </div>
    </form>
  );
}
