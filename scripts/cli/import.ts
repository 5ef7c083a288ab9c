// `cli import <file>` and `cli import-errors <id>`: the bulk-import engine's own code path
// (createSisImport without the job queue, then runSisImport here), a progress line on a terminal,
// one summary line on stdout, exit code 1 when the import failed.
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createSisImport, getSisImport, sisImportErrorsCsv } from "../../lib/imports/imports.ts";
import type { SisImportJson } from "../../lib/imports/json.ts";
import type { StudentIdField } from "../../lib/imports/oneroster.ts";
import { runSisImport } from "../../lib/imports/run.ts";
import { adminActor, importAccount, rootAccountFor } from "./actor.ts";
import { fileFromUrl, FROM_URL_OPTIONS } from "./from-url.ts";
import { progressLine } from "./progress.ts";

export const IMPORT_USAGE = `  npm run --silent cli -- import <file.csv|file.zip> [--account <id>] [--dry-run] [--skip-deletes] [--encoding <charset>]
    [--oneroster-student-id sourcedId|identifier|username]
      [--data-set <id> [--change-threshold <percent>] [--remaster]] [--as <admin login>]
  npm run --silent cli -- import --from-url <https://…> [--bearer-env <VAR> | --basic-env <VAR holding user:password>]
      [the same options as above]
  npm run --silent cli -- import-errors <import id> [--account <id>] [--as <admin login>]
`;

const SUCCEEDED = ["imported", "imported_with_messages"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `import 12 imported_with_messages: 1000 rows — created 812, linked 188, unchanged 0, errors 3 (…)` */
export function summaryLine(imp: SisImportJson): string {
  const c = imp.data.counts;
  const errors = c.error_count + c.warning_count;
  const optional = (["updated", "removed", "skipped"] as const)
    .filter((k) => c[k] > 0)
    .map((k) => `${k} ${c[k]}`);
  const parts = [`created ${c.created}`, `linked ${c.linked}`, ...optional, `unchanged ${c.unchanged}`];
  return (
    `import ${imp.id}${imp.dry_run ? " (dry run, nothing saved)" : ""} ${imp.workflow_state}: ` +
    `${imp.total_rows} rows — ${parts.join(", ")}, errors ${errors}` +
    (errors > 0 ? ` (errors: npm run cli -- import-errors ${imp.id})` : "")
  );
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      account: { type: "string" },
      "dry-run": { type: "boolean" },
      "skip-deletes": { type: "boolean" },
      encoding: { type: "string" },
      "oneroster-student-id": { type: "string" },
      "data-set": { type: "string" },
      "change-threshold": { type: "string" },
      remaster: { type: "boolean" },
      as: { type: "string" },
      ...FROM_URL_OPTIONS,
    },
  });
  if (positionals.length !== (values["from-url"] ? 0 : 1))
    throw new Error("Name one file to import (or --from-url).\nUsage:\n" + IMPORT_USAGE);
  const file = positionals[0];
  const account = await rootAccountFor(values.account);
  const actor = await adminActor(account, values.as);
  const { name, data } = values["from-url"]
    ? await fileFromUrl(values)
    : {
        name: path.basename(file),
        data: await fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
          throw new Error(`Cannot read ${file}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
        }),
      };
  const progress = progressLine();
  progress.note(`Staging ${name}…`);
  let imp = await createSisImport(actor, {
    accountId: account.id,
    files: [{ name, data }],
    dryRun: values["dry-run"],
    skipDeletes: values["skip-deletes"],
    charset: values.encoding,
    oneRosterStudentId: values["oneroster-student-id"] as StudentIdField | undefined,
    diffing: values["data-set"]
      ? {
          dataSet: values["data-set"],
          remaster: values.remaster,
          changeThreshold: values["change-threshold"] ? Number(values["change-threshold"]) : undefined,
        }
      : undefined,
    enqueue: false,
  });
  try {
    if (imp.workflow_state === "created") {
      progress.update(0, imp.total_rows);
      const onProgress = (done: number, total: number) => {
        progress.update(done, total);
        if (done >= total && !imp.dry_run)
          progress.note("Applied; telling each student about their new observers…");
      };
      // Another import of this school is being applied (imports of one school go one at a time).
      while ((await runSisImport(imp.id, { onProgress })) === "busy") {
        progress.note(`Import ${imp.id} waits for another import of ${account.name} to finish…`);
        await sleep(2000);
      }
    }
  } finally {
    progress.done();
  }
  imp = await getSisImport(actor, { accountId: account.id, importId: imp.id });
  process.stdout.write(summaryLine(imp) + "\n");
  return SUCCEEDED.includes(imp.workflow_state) ? 0 : 1;
}

export async function importErrorsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { account: { type: "string" }, as: { type: "string" } },
  });
  const importId = /^\d+$/.test(positionals[0] ?? "") ? Number(positionals[0]) : NaN;
  if (positionals.length !== 1 || !Number.isSafeInteger(importId))
    throw new Error("Name one import id.\nUsage:\n" + IMPORT_USAGE);
  const account = values.account ? await rootAccountFor(values.account) : await importAccount(importId);
  const actor = await adminActor(account, values.as);
  process.stdout.write(await sisImportErrorsCsv(actor, { accountId: account.id, importId }));
  return 0;
}
