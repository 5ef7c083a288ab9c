// `cli schedule list|add|remove|run`: a school's scheduled syncs (lib/imports/schedules/), through
// the same domain functions as Admin → Imports, as one of its admins. Secrets come from an
// environment variable named on the command line, never from argv.
import { parseArgs } from "node:util";
import {
  listSyncSchedules,
  removeSyncSchedule,
  runScheduledSync,
  saveSyncSchedule,
  SYNC_IMPORT_TYPES,
} from "../../lib/imports/schedules/index.ts";
import { adminActor, rootAccountFor } from "./actor.ts";

export const SCHEDULE_USAGE = `  npm run --silent cli -- schedule list [--account <id>] [--as <admin login>]
  npm run --silent cli -- schedule add --name <name> --url <https://…> --at <HH:MM> [--time-zone <IANA zone>]
      [--format ${SYNC_IMPORT_TYPES.join("|")}] [--data-set <id>] [--change-threshold <percent>]
      [--bearer-env <VAR> | --basic-env <VAR holding user:password>] [--account <id>] [--as <admin login>]
  npm run --silent cli -- schedule remove|run <schedule id> [--account <id>] [--as <admin login>]
`;

function secretOf(values: { "bearer-env"?: string; "basic-env"?: string }) {
  const name = values["bearer-env"] ?? values["basic-env"];
  if (!name) return { credentialKind: "none" as const };
  const value = process.env[name];
  if (!value) throw new Error(`The environment variable ${name} is not set.`);
  if (values["bearer-env"]) return { credentialKind: "bearer" as const, credentialSecret: value };
  const at = value.indexOf(":");
  if (at < 1) throw new Error(`${name} must hold user:password.`);
  return {
    credentialKind: "basic" as const,
    credentialUsername: value.slice(0, at),
    credentialSecret: value.slice(at + 1),
  };
}

export async function scheduleCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      account: { type: "string" },
      as: { type: "string" },
      name: { type: "string" },
      url: { type: "string" },
      at: { type: "string" },
      "time-zone": { type: "string" },
      format: { type: "string" },
      "data-set": { type: "string" },
      "change-threshold": { type: "string" },
      "bearer-env": { type: "string" },
      "basic-env": { type: "string" },
    },
  });
  const [command, id] = positionals;
  const account = await rootAccountFor(values.account);
  const actor = await adminActor(account, values.as);
  const ref = { accountId: account.id, scheduleId: Number(id) };
  if (command === "list") {
    for (const s of await listSyncSchedules(actor, { accountId: account.id }))
      process.stdout.write(
        `${s.id}\t${s.name}\t${s.enabled ? `${s.timeOfDay} ${s.timeZone}` : "off"}\t${s.url}\t` +
          `${s.lastOutcome ?? "not run yet"}${s.lastImportId ? ` (import ${s.lastImportId})` : ""}\n`,
      );
    return 0;
  }
  if (command === "add") {
    const s = await saveSyncSchedule(actor, {
      accountId: account.id,
      name: values.name ?? "",
      url: values.url ?? "",
      importType: (values.format ?? "family_roster") as (typeof SYNC_IMPORT_TYPES)[number],
      ...secretOf(values),
      timeOfDay: values.at ?? "",
      timeZone: values["time-zone"] ?? "UTC",
      dataSet: values["data-set"] ?? "nightly",
      changeThreshold: values["change-threshold"] ? Number(values["change-threshold"]) : undefined,
      enabled: true,
    });
    process.stdout.write(`${s.id}\n`);
    return 0;
  }
  if ((command === "remove" || command === "run") && /^\d+$/.test(id ?? "")) {
    if (command === "remove") {
      await removeSyncSchedule(actor, ref);
      return 0;
    }
    await listSyncSchedules(actor, { accountId: account.id }).then((all) => {
      if (!all.some((s) => s.id === ref.scheduleId))
        throw new Error(`No scheduled sync ${id} in ${account.name}.`);
    });
    const run = await runScheduledSync(ref.scheduleId);
    process.stdout.write(
      `${run.outcome}${run.importId ? ` (import ${run.importId})` : ""}${run.reason ? `: ${run.reason}` : ""}\n`,
    );
    return run.outcome === "imported" ? 0 : 1;
  }
  throw new Error("Usage:\n" + SCHEDULE_USAGE);
}
