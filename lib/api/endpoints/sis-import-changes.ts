// The change log of a SIS import: not in Canvas (which has no such list), ours — what the import
// changed, change by change, with the file and row of each (lib/imports/change-log.ts).
import { z } from "zod";
import { endpoint } from "../endpoint.ts";
import { CHANGE_KINDS } from "../../imports/change-log.ts";

const person = z
  .object({
    id: z.number().int(),
    name: z.string(),
    sis_user_id: z.string().nullable(),
    login_id: z.string().nullable(),
  })
  .nullable();

export const sisImportChangeJsonSchema = z
  .object({
    kind: z.enum(CHANGE_KINDS),
    id: z.number().int().meta({ description: "The audit event's id (the email's, for email_queued)." }),
    created_at: z.string(),
    student: person,
    observer: person,
    account: person.meta({ description: "account_created: the account made." }),
    email: z.object({ to: z.string(), subject: z.string() }).nullable(),
    course_id: z.number().int().nullable().meta({ description: "course_link_*: the course." }),
    file: z.string().nullable(),
    row: z.number().int().nullable().meta({ description: "The line of the file, 1 being the header row." }),
  })
  .meta({ id: "SisImportChange" });

export const listSisImportChangesEndpoint = endpoint({
  method: "get",
  path: "/accounts/{account_id}/sis_imports/{id}/change_log",
  operationId: "listSisImportChanges",
  tag: "SIS Imports",
  summary: "Get a SIS import's change log (not in Canvas)",
  description:
    "Not in Canvas. Admins of the root account only. What the import changed, by kind in the order of `kind`'s values, then as it happened: links created, restored and removed (all courses, or one course), accounts created, emails queued — with the people's names, SIS ids and logins and the file and row that made each change. Paginated by cursor: `next` (also the `Link` header's rel=next) is the `after` of the next page; null on the last.",
  params: z.object({
    kind: z.enum(CHANGE_KINDS).optional().meta({ description: "Only changes of this kind." }),
    after: z.string().optional().meta({ description: "The `next` of the previous page." }),
    per_page: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: "1 to 1000; 50 unless given." }),
  }),
  response: z.object({ change_log: z.array(sisImportChangeJsonSchema), next: z.string().nullable() }),
});
