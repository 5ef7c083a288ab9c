import "server-only";
// Reading imports (one, the list, their messages and the error report) and aborting one.
import { db } from "../platform/db.ts";
import type { Actor } from "../accounts/actor.ts";
import { requireAccountAdmin } from "../accounts/accounts.ts";
import { toCsv } from "../platform/csv.ts";
import { AppError, notFound, paramError } from "../platform/errors.ts";
import type { Prisma } from "../platform/generated/prisma/client.ts";
import { SisImportState } from "../platform/generated/prisma/enums.ts";
import { pageWithTotal, type PageRequest } from "../platform/pagination.ts";
import { sisImportSelect, toSisImportJson, type SisImportJson } from "./json.ts";

/**
 * The root account, for one of its own admins. A sub-account's id is refused as Canvas does (400),
 * and a sub-account admin asking for the root account is not one of its admins (401).
 */
export async function requireRootAdmin(actor: Actor, accountId: number) {
  const { account } = await requireAccountAdmin(actor, accountId);
  if (account.parentId !== null)
    throw new AppError("bad_request", "SIS imports can only be executed on root accounts");
  return account;
}

export async function findImport(actor: Actor, accountId: number, importId: number) {
  const account = await requireRootAdmin(actor, accountId);
  const found = await db.sisImport.findFirst({
    where: { id: importId, rootAccountId: account.id },
    select: sisImportSelect,
  });
  if (!found) throw notFound();
  return found;
}

export async function getSisImport(
  actor: Actor,
  input: { accountId: number; importId: number },
  base = "",
): Promise<SisImportJson> {
  return toSisImportJson(await findImport(actor, input.accountId, input.importId), input.accountId, base);
}

export type ImportFilters = { states?: string[]; createdSince?: string; createdBefore?: string };

function when(field: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw paramError(field, "must be a date and time (ISO 8601).");
  return d;
}

/** Canvas's list filters: workflow_state[], created_since, created_before. */
function filterWhere(f: ImportFilters): Prisma.SisImportWhereInput {
  const states = f.states ?? [];
  const bad = states.find((s) => !(s in SisImportState));
  if (bad !== undefined)
    throw paramError(
      "workflow_state",
      `"${bad}" is not a state (${Object.values(SisImportState).join(", ")}).`,
    );
  const since = when("created_since", f.createdSince);
  const before = when("created_before", f.createdBefore);
  return {
    ...(states.length ? { workflowState: { in: states as SisImportState[] } } : {}),
    ...(since || before ? { createdAt: { gte: since, lt: before } } : {}),
  };
}

/** GET /accounts/:id/sis_imports — newest first. */
export async function listSisImports(
  actor: Actor,
  input: { accountId: number; page: PageRequest; filters?: ImportFilters },
  base = "",
): Promise<{ items: SisImportJson[]; total: number }> {
  const account = await requireRootAdmin(actor, input.accountId);
  const where = { rootAccountId: account.id, ...filterWhere(input.filters ?? {}) };
  const { rows, total } = await pageWithTotal(
    input.page,
    (range) => db.sisImport.findMany({ where, orderBy: { id: "desc" }, ...range, select: sisImportSelect }),
    () => db.sisImport.count({ where }),
  );
  return { total, items: rows.map((i) => toSisImportJson(i, input.accountId, base)) };
}

/** PUT …/abort: an import not yet finished stops before its next batch (applied batches stay). */
export async function abortSisImport(
  actor: Actor,
  input: { accountId: number; importId: number },
  base = "",
) {
  const found = await findImport(actor, input.accountId, input.importId);
  await db.sisImport.updateMany({
    where: { id: found.id, workflowState: { in: ["created", "importing"] } },
    data: { workflowState: "aborted", endedAt: new Date() },
  });
  return getSisImport(actor, input, base);
}

export type SisImportErrorJson = { sis_import_id: number; file: string; message: string; row: number | null };

/** GET …/errors — every message, in the order found. */
export async function listSisImportErrors(
  actor: Actor,
  input: { accountId: number; importId: number; page: PageRequest },
): Promise<{ items: SisImportErrorJson[]; total: number }> {
  const found = await findImport(actor, input.accountId, input.importId);
  const where = { importId: found.id };
  const { rows, total } = await pageWithTotal(
    input.page,
    (range) =>
      db.sisImportMessage.findMany({
        where,
        orderBy: { id: "asc" },
        ...range,
        select: { file: true, row: true, message: true },
      }),
    () => db.sisImportMessage.count({ where }),
  );
  return {
    total,
    items: rows.map((m) => ({ sis_import_id: found.id, file: m.file, message: m.message, row: m.row })),
  };
}

/** The errors attachment: sis_import_id,file,message,row. */
export async function sisImportErrorsCsv(actor: Actor, input: { accountId: number; importId: number }) {
  const found = await findImport(actor, input.accountId, input.importId);
  const rows = await db.sisImportMessage.findMany({
    where: { importId: found.id },
    orderBy: { id: "asc" },
    select: { file: true, row: true, message: true },
  });
  return toCsv(
    rows.map((m) => [String(found.id), m.file, m.message, m.row === null ? "" : String(m.row)]),
    ["sis_import_id", "file", "message", "row"],
  );
}
