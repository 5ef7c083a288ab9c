// `cli import --from-url <url>`: the file downloaded as a scheduled sync downloads it (HTTPS,
// public addresses, 50 MB, redirects checked), with a credential read from an environment variable
// named on the command line, never from argv itself (argv is visible to every user of the machine).
import { downloadFile, DownloadError, type Credential } from "../../lib/imports/schedules/download.ts";

export const FROM_URL_OPTIONS = {
  "from-url": { type: "string" },
  "bearer-env": { type: "string" },
  "basic-env": { type: "string" },
} as const;

function fromEnv(name: string, flag: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${flag} ${name}: the environment variable ${name} is not set.`);
  return value;
}

function credential(values: { "bearer-env"?: string; "basic-env"?: string }): Credential {
  if (values["bearer-env"] && values["basic-env"])
    throw new Error("Give --bearer-env or --basic-env, not both.");
  if (values["bearer-env"]) return { kind: "bearer", token: fromEnv(values["bearer-env"], "--bearer-env") };
  if (values["basic-env"]) {
    const pair = fromEnv(values["basic-env"], "--basic-env");
    const at = pair.indexOf(":");
    if (at < 1) throw new Error(`--basic-env ${values["basic-env"]}: the variable must hold user:password.`);
    return { kind: "basic", username: pair.slice(0, at), password: pair.slice(at + 1) };
  }
  return { kind: "none" };
}

/** The file at --from-url, as `{ name, data }` (an error names why it could not be downloaded). */
export async function fileFromUrl(values: {
  "from-url"?: string;
  "bearer-env"?: string;
  "basic-env"?: string;
}) {
  try {
    return await downloadFile(values["from-url"]!, credential(values));
  } catch (err) {
    if (err instanceof DownloadError)
      throw new Error(`Could not download ${values["from-url"]}: ${err.message}`);
    throw err;
  }
}
