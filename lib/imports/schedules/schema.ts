import "server-only";
// A scheduled sync's fields as every caller gives them (zod: the URL rules of address.ts, a time
// of day, an IANA time zone, a threshold of 1–100 %), and what is shown of a stored one.
import { z } from "zod";
import type { Prisma } from "../../platform/generated/prisma/client.ts";
import { fieldError } from "../../platform/errors.ts";
import { timeZoneSchema } from "../../platform/time-zone.ts";
import { urlRefusal } from "./address.ts";

export const CREDENTIAL_KINDS = ["none", "bearer", "basic"] as const;
export const SYNC_IMPORT_TYPES = ["family_roster", "instructure_csv", "oneroster"] as const;
/** A field's name on the form (snake_case, as every form here): timeOfDay → time_of_day. */
const formField = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const scheduleInputSchema = z
  .object({
    accountId: z.number().int().positive(),
    name: z.string().trim().min(1, "Name the sync.").max(120),
    url: z
      .string()
      .trim()
      .max(2000)
      .superRefine((u, ctx) => {
        const why = urlRefusal(u);
        if (why) ctx.addIssue({ code: "custom", message: why });
      }),
    importType: z.enum(SYNC_IMPORT_TYPES, { error: "Choose the file's format." }),
    credentialKind: z.enum(CREDENTIAL_KINDS),
    credentialUsername: z.string().trim().max(200).optional(),
    /** Blank or absent: keep the stored secret (on a change). */
    credentialSecret: z.string().max(4000).optional(),
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM (24-hour)."),
    timeZone: timeZoneSchema,
    dataSet: z.string().trim().min(1, "Name the data set (the snapshot each run is compared with).").max(200),
    changeThreshold: z.number().int().min(1, "From 1 to 100.").max(100, "From 1 to 100.").optional(),
    enabled: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.credentialKind === "basic" && !v.credentialUsername)
      ctx.addIssue({ code: "custom", path: ["credentialUsername"], message: "Enter the user name." });
  });
export type ScheduleInput = z.input<typeof scheduleInputSchema>;

export const scheduleSelect = {
  id: true,
  rootAccountId: true,
  name: true,
  url: true,
  importType: true,
  credentialKind: true,
  credentialUsername: true,
  credentialSecret: true,
  timeOfDay: true,
  timeZone: true,
  dataSet: true,
  changeThreshold: true,
  enabled: true,
  lastRunAt: true,
  lastOutcome: true,
  lastMessage: true,
  lastImportId: true,
  runAs: { select: { name: true } },
} as const;

export type SyncScheduleRow = Prisma.SyncScheduleGetPayload<{ select: typeof scheduleSelect }>;

/** What the page and the CLI see: never the sealed secret, only whether there is one. */
export function toDto({ credentialSecret, runAs, ...rest }: SyncScheduleRow) {
  return { ...rest, hasSecret: credentialSecret !== null, runAsName: runAs?.name ?? null };
}
export type SyncScheduleDto = ReturnType<typeof toDto>;

export function parseScheduleInput(input: ScheduleInput) {
  const parsed = scheduleInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError(formField(String(issue.path[0] ?? "schedule")), issue.message);
  }
  return parsed.data;
}
