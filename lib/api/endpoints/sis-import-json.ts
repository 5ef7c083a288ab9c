// The SisImport and SisImportError JSON shapes of Canvas's SIS Imports API (lib/imports/json.ts).
import { z } from "zod";
import { SisImportState } from "../../platform/generated/prisma/enums.ts";
import type { ImportType } from "../../imports/formats.ts";
import { dateTime } from "../schemas/common.ts";

export const importTypes = [
  "instructure_csv",
  "family_roster",
  "oneroster",
] as const satisfies readonly ImportType[];
const messages = z
  .array(z.tuple([z.string(), z.string()]))
  .meta({ description: "[file, message] pairs: the first 24, then one `and N more` row." });

export const sisImportJsonSchema = z
  .object({
    id: z.number().int(),
    created_at: dateTime,
    started_at: dateTime.nullable(),
    ended_at: dateTime.nullable(),
    updated_at: dateTime,
    progress: z.number().int().meta({ description: "0–100." }),
    workflow_state: z.enum(SisImportState),
    data: z.object({
      import_type: z.enum(importTypes),
      supplied_batches: z.array(z.string()).meta({
        description:
          "The kinds of file found: users, user_observers, enrollments, family_roster, oneroster_users.",
      }),
      counts: z.record(z.string(), z.number().int()).meta({
        description:
          "Rows per file kind (users, user_observers, enrollments, families) and per outcome (created, updated, linked, unchanged, removed, skipped), error_count, warning_count.",
      }),
    }),
    dry_run: z.boolean(),
    source_import_id: z
      .number()
      .int()
      .nullable()
      .meta({ description: "A real run of a dry run (not in Canvas): the dry run it applies." }),
    real_run_id: z
      .number()
      .int()
      .nullable()
      .meta({ description: "A dry run already run for real (not in Canvas): that import. At most one." }),
    skip_deletes: z.boolean(),
    diffing_data_set_identifier: z.string().nullable(),
    diffed_against_import_id: z.number().int().nullable(),
    change_threshold: z.number().int().nullable(),
    sync_schedule: z
      .object({ id: z.number().int(), name: z.string() })
      .nullable()
      .meta({ description: "Not in Canvas: the scheduled sync that downloaded the file (null: uploaded)." }),
    batch_mode: z.boolean(),
    files: z.array(z.object({ name: z.string(), kind: z.string().nullable(), rows: z.number().int() })),
    total_rows: z.number().int(),
    user: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    processing_warnings: messages,
    processing_errors: messages,
    processing_notes: z.array(z.string()).meta({
      description:
        "Not in Canvas: notes that are neither warnings nor errors, e.g. the files of a OneRoster bundle that do not concern observers and were skipped, or how its manifest's processing mode was read.",
    }),
    errors_attachment: z
      .object({
        display_name: z.string(),
        filename: z.string(),
        "content-type": z.literal("text/csv"),
        url: z.string().meta({ description: "GET it with your token: the errors as CSV." }),
      })
      .nullable(),
  })
  .meta({ id: "SisImport" });

export const sisImportErrorJsonSchema = z
  .object({
    sis_import_id: z.number().int(),
    file: z.string(),
    message: z.string(),
    row: z.number().int().nullable().meta({ description: "The line of the file, 1 being the header row." }),
  })
  .meta({ id: "SisImportError" });
