// `cli sso add|list|remove|enable|disable`: a school's single sign-on providers
// (lib/identity/sso/). The school is the one answering --host, as for the app itself.
import { parseArgs } from "node:util";
import { findRootAccountForHost } from "../../lib/accounts/accounts.ts";
import { schoolOrigin } from "../../lib/accounts/origin.ts";
import {
  addSsoProvider,
  listSsoProviders,
  removeSsoProvider,
  setSsoProviderEnabled,
} from "../../lib/identity/sso/index.ts";

export const SSO_USAGE = `  npm run --silent cli -- sso add --host <school host> --name "<button label>" --issuer <issuer URL> --client-id <id> --client-secret <secret> [--claim email|sub|<claim name>] [--for-parents] [--disabled]
  npm run --silent cli -- sso list --host <school host>
  npm run --silent cli -- sso remove|enable|disable --host <school host> --id <provider id>
`;

const OPTIONS = {
  host: { type: "string" },
  name: { type: "string" },
  issuer: { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  claim: { type: "string" },
  disabled: { type: "boolean" },
  "for-parents": { type: "boolean" },
  id: { type: "string" },
} as const;

export async function ssoCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: OPTIONS });
  const host = values.host;
  if (!host) throw new Error("--host is required.\nUsage:\n" + SSO_USAGE);
  const school = await findRootAccountForHost(host);
  // The redirect URI is on the school's canonical origin, as every link about it (issue 18's rule).
  const origin = await schoolOrigin(school.id);
  const redirect = (id: number) => `${origin}/api/auth/callback/sso-${id}`;
  if (command === "add") {
    if (!values.name || !values.issuer || !values["client-id"] || !values["client-secret"])
      throw new Error(
        "--name, --issuer, --client-id and --client-secret are required.\nUsage:\n" + SSO_USAGE,
      );
    const p = await addSsoProvider({
      rootAccountId: school.id,
      name: values.name,
      issuer: values.issuer,
      clientId: values["client-id"],
      clientSecret: values["client-secret"],
      claim: values.claim,
      forParents: Boolean(values["for-parents"]),
      enabled: !values.disabled,
    });
    process.stderr.write(
      `${p.replaced ? "Replaced" : "Added"} provider ${p.id} "${p.name}" at ${school.name} (${p.enabled ? "enabled" : "disabled"}).\n` +
        `Register this redirect URI with the provider:\n`,
    );
    process.stdout.write(`${redirect(p.id)}\n`);
    return;
  }
  if (command === "list") {
    for (const p of await listSsoProviders(school.id))
      process.stdout.write(
        [
          p.id,
          p.enabled ? "enabled" : "disabled",
          p.name,
          p.issuer,
          p.clientId,
          `claim=${p.claim}`,
          p.forParents ? "for=parents" : "for=students-and-staff",
          redirect(p.id),
        ].join("\t") + "\n",
      );
    return;
  }
  const id = Number(values.id);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new Error("--id <provider id> is required.\nUsage:\n" + SSO_USAGE);
  if (command === "remove") await removeSsoProvider(school.id, id);
  else if (command === "enable" || command === "disable")
    // The operator enables without the admin page's test sign-in (no browser here): their call.
    await setSsoProviderEnabled(school.id, id, command === "enable", { untested: true });
  else throw new Error("Usage:\n" + SSO_USAGE);
  process.stderr.write(`Provider ${id} at ${school.name}: ${command}d.\n`);
}
