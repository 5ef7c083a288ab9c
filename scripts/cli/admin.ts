// `cli admin create --login <email> --account "<school name>"`: a real deployment's first admin
// (lib/identity/first-admin.ts). The one-time setup link is the only thing on stdout; what was done
// goes to stderr.
import { parseArgs } from "node:util";
import { bootstrapAdmin } from "../../lib/identity/first-admin.ts";

export const ADMIN_USAGE = `  npm run --silent cli -- admin create --login <email> --account "<school name>" [--name "<full name>"]
`;

export async function adminCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command !== "create") throw new Error("Usage:\n" + ADMIN_USAGE);
  const { values } = parseArgs({
    args: rest,
    options: { login: { type: "string" }, account: { type: "string" }, name: { type: "string" } },
  });
  if (!values.login || !values.account)
    throw new Error("--login and --account are both required.\nUsage:\n" + ADMIN_USAGE);
  const done = await bootstrapAdmin({
    login: values.login,
    accountName: values.account,
    name: values.name,
  });
  const school = `${done.account.name} (account ${done.account.id}${done.account.created ? ", created" : ""})`;
  const who = `${values.login.trim()} (user ${done.user.id}${done.user.created ? ", created" : ""})`;
  if (!done.setup) {
    process.stderr.write(
      `${who} is an admin of ${school}. They already have a password: no setup link made.\n`,
    );
    return;
  }
  process.stderr.write(
    `${who} is an admin of ${school}. Give them this link to choose their password ` +
      `(it works once, until ${done.setup.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC):\n`,
  );
  process.stdout.write(done.setup.link + "\n");
}
