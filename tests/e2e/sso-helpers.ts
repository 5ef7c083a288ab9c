// A school on its own host (`sso-….localhost`, mapped to the test server's loopback address)
// connected to a real OpenID provider started by the test (tests/helpers/oidc-idp.ts).
import { expect, type Page } from "@playwright/test";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { addSsoProvider } from "../../lib/identity/sso/index.ts";
import { db } from "../../lib/platform/db.ts";
import { uid } from "../helpers/factory.ts";
import type { Idp } from "../helpers/oidc-idp.ts";
import config from "../../playwright.config.ts";

export const BUTTON = "Students and staff: Sign in with Test IdP";

/** Chromium's usual flags, plus every *.localhost host on the loopback address the app listens on. */
export const ssoLaunchOptions = {
  ...config.use?.launchOptions,
  args: [...(config.use?.launchOptions?.args ?? []), "--host-resolver-rules=MAP *.localhost 127.0.0.1"],
};

export async function ssoSchool(idp: Idp, baseURL: string, opts: { claim?: string } = {}) {
  const host = `sso-${uid()}.localhost`;
  const origin = `http://${host}:${new URL(baseURL).port}`;
  const school = await createRootAccount({
    name: `Maple High ${uid()}`,
    domain: host,
    selfRegistration: "observers",
  });
  const [clientId, clientSecret] = [`app-${uid()}`, `secret-${uid()}-${uid()}`];
  const provider = await addSsoProvider({
    rootAccountId: school.id,
    name: BUTTON,
    issuer: idp.issuer,
    clientId,
    clientSecret,
    claim: opts.claim,
  });
  idp.addClient({ clientId, clientSecret, redirectUris: [`${origin}/api/auth/callback/sso-${provider.id}`] });
  return { host, origin, school, provider };
}

/** The provider's own (development) login form and consent: any password. */
export async function signInAtIdp(page: Page, sub: string) {
  await page.getByPlaceholder("Enter any login").fill(sub);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

export async function expectRefused(page: Page, text: string | RegExp) {
  await expect(page.getByRole("heading", { name: "You could not be signed in" })).toBeVisible();
  await expect(page.getByText(text)).toBeVisible();
}

export const lastAudit = (rootAccountId: number, action: string) =>
  db.auditEvent.findFirst({ where: { rootAccountId, action }, orderBy: { id: "desc" } });
