// Not in Canvas: undoing an import's link changes (lib/imports/undo.ts), dry run first.
import { z } from "zod";
import { endpoint } from "../endpoint.ts";
import type { UndoResult } from "../../imports/undo.ts";
import { ADMINS } from "./sis-imports.ts";

export const sisImportUndoJsonSchema = z
  .object({
    sis_import_id: z.number().int(),
    dry_run: z.boolean(),
    removed: z
      .number()
      .int()
      .meta({ description: "Links the import created or restored, removed (or that would be)." }),
    restored: z
      .number()
      .int()
      .meta({ description: "Links the import removed, restored (or that would be)." }),
    skipped: z.number().int().meta({ description: "Pairs changed since the import, left as they are." }),
    pairs_total: z.number().int(),
    pairs: z
      .array(
        z.object({
          student_id: z.number().int(),
          student_name: z.string(),
          observer_id: z.number().int(),
          observer_name: z.string(),
          change: z.enum(["remove", "restore"]),
          skipped: z
            .string()
            .nullable()
            .meta({ description: "Why the pair is left as it is; null: it is reverted." }),
        }),
      )
      .meta({ description: "The first 1,000 pairs, the skipped ones first." }),
  })
  .meta({ id: "SisImportUndo" });

export const undoSisImportEndpoint = endpoint({
  method: "post",
  path: "/accounts/{account_id}/sis_imports/{id}/undo",
  operationId: "undoSisImport",
  tag: "SIS Imports",
  summary: "Undo an import's link changes (not in Canvas)",
  description:
    `${ADMINS} Within 30 days of the import's end (422 after), once (409 when already undone): links it created or restored are removed with the observer enrollments they gave, links it removed are restored with theirs. ` +
    "A pair changed since the import (removed or linked by someone else, or by a later import) is skipped, never overwritten. Without `dry_run=false` nothing changes: the answer says what would be reverted. Audited (`sis_import.undone`).",
  params: z.object({
    // A dry run unless told otherwise: a bare POST never reverts a school's links.
    dry_run: z
      .union([z.boolean(), z.enum(["true", "false", "1", "0", "on", "off"])])
      .optional()
      .transform((v) => v === undefined || v === true || v === "true" || v === "1" || v === "on")
      .meta({
        description: "Default `true`: report what would be reverted and change nothing. `false` reverts.",
      }),
  }),
  response: sisImportUndoJsonSchema,
});

export const toUndoJson = (r: UndoResult): z.infer<typeof sisImportUndoJsonSchema> => ({
  sis_import_id: r.importId,
  dry_run: r.dryRun,
  removed: r.removed,
  restored: r.restored,
  skipped: r.skipped,
  pairs_total: r.pairsTotal,
  pairs: r.pairs.map((p) => ({
    student_id: p.studentId,
    student_name: p.studentName,
    observer_id: p.observerId,
    observer_name: p.observerName,
    change: p.change,
    skipped: p.skipped,
  })),
});
