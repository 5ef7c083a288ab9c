// Canvas's SIS Imports and SIS Import Errors APIs, for root-account admins (lib/imports/).
import { z } from "zod";
import { endpoint } from "../endpoint.ts";
import { SisImportState } from "../../platform/generated/prisma/enums.ts";
import type { ImportType } from "../../imports/formats.ts";
import { booleanParam, dateTime, listParam, noParams, paginationParams } from "../schemas/common.ts";

const tag = "SIS Imports";
const importTypes = [
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

const ignored = z
  .unknown()
  .optional()
  .meta({ description: "Accepted for compatibility with Canvas; ignored (nothing is deleted in batch)." });

const ADMINS =
  "Admins of the root account only (a sub-account admin gets 401; a sub-account's id, 400 as in Canvas).";
const LINKED =
  "Paginated: the `Link` header (rel current, next, prev, first, last) points to the other pages.";

export const createSisImportEndpoint = endpoint({
  method: "post",
  path: "/accounts/{account_id}/sis_imports",
  operationId: "createSisImport",
  tag,
  summary: "Import SIS data",
  description:
    `${ADMINS} The file is a multipart part named \`attachment\` (several parts may be sent), or the raw body with \`Content-Type: text/csv\`, \`application/zip\` or \`application/octet-stream\` and \`extension=csv|zip\` in the query. ` +
    "Files are recognised by their header row: Canvas's users.csv, user_observers.csv and enrollments.csv (observer rows), a family roster (student_sis_id|student_login, guardian_email, …), OneRoster's users.csv; a zip may hold several. " +
    "The import runs as a background job: poll GET …/sis_imports/{id} until `workflow_state` is imported, imported_with_messages, failed_with_messages or aborted. At most 50 MB (413 beyond); no file → 400.",
  params: z.object({
    import_type: z
      .enum(importTypes)
      .default("instructure_csv")
      .meta({ description: "Informational: each file's header row decides how it is read." }),
    attachment: z
      .unknown()
      .optional()
      .meta({
        description: "The file (multipart); repeat the part for several files.",
        override: ({ jsonSchema }) => Object.assign(jsonSchema, { type: "string", format: "binary" }),
      }),
    extension: z.enum(["csv", "zip"]).optional().meta({
      description: "A raw body's format; absent: from its Content-Type (text/csv → csv, else zip).",
    }),
    skip_deletes: booleanParam(
      "Rows with status `deleted` are skipped (no observer is unlinked, no login deleted).",
    ),
    dry_run: booleanParam(
      "Not in Canvas: report what the import would do (counts, messages) and change nothing.",
    ),
    charset: z.string().max(40).optional().meta({
      description:
        'Not in Canvas: the files\' character set when it is not UTF-8 (`windows-1252`, `iso-8859-1`, `utf-16le`…); they are converted. Without it, text that is not UTF-8 is refused ("Invalid UTF-8").',
    }),
    oneroster_student_id: z.enum(["sourcedId", "identifier", "username"]).optional().meta({
      description:
        "Not in Canvas: which field of a OneRoster student's row is their SIS id in this school (default `sourcedId`); guardians' agentSourcedIds are mapped through it.",
    }),
    batch_mode: ignored,
    batch_mode_term_id: ignored,
    multi_term_batch_mode: ignored,
    override_sis_stickiness: ignored,
    add_sis_stickiness: ignored,
    clear_sis_stickiness: ignored,
    update_sis_id_if_login_claimed: ignored,
    diffing_data_set_identifier: z.string().min(1).max(255).optional().meta({
      description:
        "A snapshot of this data set: compared with its previous finished import, each pair that import linked and this one omits is removed.",
    }),
    diffing_remaster_data_set: booleanParam(
      "Start the data set afresh: this import is not compared (nothing removed).",
    ),
    diffing_drop_status: ignored,
    diffing_user_remove_status: ignored,
    batch_mode_enrollment_drop_status: ignored,
    change_threshold: z.coerce.number().int().min(1).max(100).optional().meta({
      description:
        "With diffing: the most it may remove, in percent of the data set's pairs (default 10); above it nothing is applied and the import ends failed_with_messages.",
    }),
    diff_row_count_threshold: ignored,
  }),
  response: sisImportJsonSchema,
});

export const listSisImportsEndpoint = endpoint({
  method: "get",
  path: "/accounts/{account_id}/sis_imports",
  operationId: "listSisImports",
  tag,
  summary: "List SIS imports",
  description: `${ADMINS} Newest first, as \`{"sis_imports": [...]}\`. ${LINKED}`,
  params: z.object({
    ...paginationParams,
    created_since: dateTime
      .optional()
      .meta({ description: "Only imports created at or after this time (ISO 8601)." }),
    created_before: dateTime
      .optional()
      .meta({ description: "Only imports created before this time (ISO 8601)." }),
    workflow_state: listParam(
      `Only imports in these states (\`workflow_state[]=…\`, repeatable): ${Object.values(SisImportState).join(", ")}.`,
    ),
  }),
  response: z.object({ sis_imports: z.array(sisImportJsonSchema) }),
});

export const getSisImportEndpoint = endpoint({
  method: "get",
  path: "/accounts/{account_id}/sis_imports/{id}",
  operationId: "getSisImport",
  tag,
  summary: "Get SIS import status",
  description: `${ADMINS} Another school's import is 404.`,
  params: noParams,
  response: sisImportJsonSchema,
});

export const abortSisImportEndpoint = endpoint({
  method: "put",
  path: "/accounts/{account_id}/sis_imports/{id}/abort",
  operationId: "abortSisImport",
  tag,
  summary: "Abort SIS import",
  description: `${ADMINS} An import not yet finished stops before its next batch (batches already applied stay); a finished one is returned unchanged.`,
  params: noParams,
  response: sisImportJsonSchema,
});

export const listSisImportErrorsEndpoint = endpoint({
  method: "get",
  path: "/accounts/{account_id}/sis_imports/{id}/errors",
  operationId: "listSisImportErrors",
  tag: "SIS Import Errors",
  summary: "Get SIS import error list",
  description: `${ADMINS} Every message of the import (refused rows and unreadable files) in the order found, as \`{"sis_import_errors": [...]}\` (Canvas's shape). ${LINKED}`,
  params: z.object(paginationParams),
  response: z.object({ sis_import_errors: z.array(sisImportErrorJsonSchema) }),
});

export const getSisImportErrorsAttachmentEndpoint = endpoint({
  method: "get",
  path: "/accounts/{account_id}/sis_imports/{id}/errors_attachment",
  operationId: "getSisImportErrorsAttachment",
  tag: "SIS Import Errors",
  summary: "Download the errors attachment (CSV)",
  description: `${ADMINS} \`text/csv\` with columns sis_import_id, file, message, row: the URL in the import's \`errors_attachment\`.`,
  params: noParams,
});
