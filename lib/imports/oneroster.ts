// A OneRoster 1.1 bundle as a whole: its manifest says whether users.csv is the whole data set
// (bulk: a snapshot, compared like Canvas's diffing) or only changes (delta: tobedeleted rows
// remove, nothing else does), and its other files (orgs, classes, enrollments…) do not concern
// observers: they are skipped with one note, not reported as errors. Pure.
import { parse } from "csv-parse/sync";
import type { Diffing } from "./diffing.ts";

/** The files OneRoster 1.1 defines, by their base name, lower-cased. */
const ONEROSTER_FILES = new Set(
  [
    "manifest",
    "orgs",
    "academicSessions",
    "courses",
    "classes",
    "enrollments",
    "demographics",
    "resources",
    "classResources",
    "courseResources",
    "lineItems",
    "categories",
    "results",
  ].map((n) => `${n.toLowerCase()}.csv`),
);

const baseName = (name: string) => name.split("/").pop()!.toLowerCase();

export const isManifest = (headers: string[]) =>
  headers.length >= 2 && headers[0].toLowerCase() === "propertyname" && headers[1].toLowerCase() === "value";

/** The manifest's properties (`file.users` → `bulk`), lower-cased. */
export function readManifest(data: Uint8Array): Map<string, string> {
  const rows = parse(Buffer.from(data), {
    bom: true,
    from_line: 2,
    relax_column_count: true,
    trim: true,
  }) as string[][];
  return new Map(rows.filter((r) => r[0]).map((r) => [r[0].toLowerCase(), (r[1] ?? "").toLowerCase()]));
}

/** A OneRoster file other than users.csv (only users.csv names guardians and their students). */
export const isOtherOneRosterFile = (name: string) => ONEROSTER_FILES.has(baseName(name));

/** The one note for the bundle's files that were not read. */
export const skippedNote = (names: string[]) =>
  `OneRoster: ${names.map(baseName).sort().join(", ")} ${names.length === 1 ? "does" : "do"} not concern observers and ${names.length === 1 ? "was" : "were"} skipped (users.csv is read)`;

/** The data set a OneRoster bulk users.csv is a snapshot of, when the upload names none. */
export const ONEROSTER_DATA_SET = "oneroster";

/**
 * How the manifest's processing mode for users.csv shapes the import's diffing: bulk is a snapshot
 * (of the data set given, or "oneroster"); delta never is (its absent pairs are unchanged, not gone).
 */
export function diffingForManifest(
  manifest: Map<string, string> | null,
  diffing: Diffing | undefined,
): { diffing: Diffing | undefined; note?: string } {
  const mode = manifest?.get("file.users");
  if (mode === "bulk") return { diffing: diffing ?? { dataSet: ONEROSTER_DATA_SET } };
  if (mode === "delta" && diffing)
    return {
      diffing: undefined,
      note: `The OneRoster manifest says users.csv is a delta (changes only): not compared with data set "${diffing.dataSet}"; its tobedeleted rows remove`,
    };
  return { diffing };
}

/** Which field of a OneRoster student's row is their SIS id here (sourcedId unless told). */
export const STUDENT_ID_FIELDS = ["sourcedId", "identifier", "username"] as const;
export type StudentIdField = (typeof STUDENT_ID_FIELDS)[number];

/**
 * What a OneRoster users.csv says across rows: each student's SIS id (by the chosen field) and the
 * guardians a student's own row names in agentSourcedIds (relations may be listed on either side).
 */
export type OneRosterContext = { sisIdOf: Map<string, string>; studentsOf: Map<string, string[]> };

const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the students' rows of a users.csv (already parsed records, lower-cased headers) into the context. */
export function addStudentRow(
  ctx: OneRosterContext,
  r: Record<string, string | undefined>,
  field: StudentIdField,
) {
  if (r.role?.trim().toLowerCase() !== "student") return;
  const id = r.sourcedid?.trim();
  if (!id) return;
  const mapped = r[field.toLowerCase()]?.trim();
  if (mapped) ctx.sisIdOf.set(id, mapped);
  for (const g of list(r.agentsourcedids)) ctx.studentsOf.set(g, [...(ctx.studentsOf.get(g) ?? []), id]);
}
