import "server-only";
// A school's scheduled syncs, as the admin page and the CLI manage them: only admins of the root
// account, only its own schedules. The secret (a bearer token or a basic password) is sealed at
// rest and never returned; saving without one keeps the stored one. Each change is audited and
// re-registers the schedule with pg-boss (queue.ts).
import { z } from "zod";
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { recordAudit } from "../../audit/events.ts";
import { sealSecret } from "../../identity/sso/secret-box.ts";
import { fieldError, fromPrismaError, notFound } from "../../platform/errors.ts";
import { timeZoneSchema } from "../../platform/time-zone.ts";
import { requireRootAdmin } from "../read.ts";
import { urlRefusal } from "./address.ts";
import { registerSchedule, requestRun, unregisterSchedule } from "./queue.ts";

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

export type SyncScheduleDto = ReturnType<typeof toDto>;

function toDto(
  s: { credentialSecret: string | null; runAs: { name: string } | null } & Record<string, unknown>,
) {
  const { credentialSecret, runAs, ...rest } = s;
  return {
    ...(rest as Omit<typeof s, "credentialSecret" | "runAs">),
    hasSecret: credentialSecret !== null,
    runAsName: runAs?.name ?? null,
  } as {
    id: number;
    rootAccountId: number;
    name: string;
    url: string;
    importType: string;
    credentialKind: string;
    credentialUsername: string | null;
    timeOfDay: string;
    timeZone: string;
    dataSet: string;
    changeThreshold: number | null;
    enabled: boolean;
    lastRunAt: Date | null;
    lastOutcome: string | null;
    lastMessage: string | null;
    lastImportId: number | null;
    hasSecret: boolean;
    runAsName: string | null;
  };
}

function parse(input: ScheduleInput) {
  const parsed = scheduleInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError(formField(String(issue.path[0] ?? "schedule")), issue.message);
  }
  return parsed.data;
}

export async function listSyncSchedules(
  actor: Actor,
  input: { accountId: number },
): Promise<SyncScheduleDto[]> {
  const account = await requireRootAdmin(actor, input.accountId);
  const rows = await db.syncSchedule.findMany({
    where: { rootAccountId: account.id },
    orderBy: { name: "asc" },
    select: scheduleSelect,
  });
  return rows.map(toDto);
}

async function findSchedule(actor: Actor, accountId: number, scheduleId: number) {
  const account = await requireRootAdmin(actor, accountId);
  const found = await db.syncSchedule.findFirst({
    where: { id: scheduleId, rootAccountId: account.id },
    select: scheduleSelect,
  });
  if (!found) throw notFound();
  return found;
}

/** Adds a schedule (no `scheduleId`) or changes one; returns it. */
export async function saveSyncSchedule(
  actor: Actor,
  input: ScheduleInput & { scheduleId?: number },
): Promise<SyncScheduleDto> {
  const v = parse(input);
  const before = input.scheduleId ? await findSchedule(actor, v.accountId, input.scheduleId) : null;
  if (!before) await requireRootAdmin(actor, v.accountId);
  const secret =
    v.credentialKind === "none" ? null : v.credentialSecret ? sealSecret(v.credentialSecret) : undefined;
  if (
    v.credentialKind !== "none" &&
    secret === undefined &&
    !(before?.credentialSecret && before.credentialKind === v.credentialKind)
  )
    throw fieldError(
      "credential_secret",
      v.credentialKind === "bearer" ? "Enter the token." : "Enter the password.",
    );
  const data = {
    name: v.name,
    url: v.url,
    importType: v.importType,
    credentialKind: v.credentialKind,
    credentialUsername: v.credentialKind === "basic" ? v.credentialUsername : null,
    ...(secret !== undefined && { credentialSecret: secret }),
    timeOfDay: v.timeOfDay,
    timeZone: v.timeZone,
    dataSet: v.dataSet,
    changeThreshold: v.changeThreshold ?? null,
    enabled: v.enabled,
    runAsId: actor.userId,
  };
  let saved;
  try {
    saved = await db.$transaction(async (tx) => {
      const row = before
        ? await tx.syncSchedule.update({ where: { id: before.id }, data, select: scheduleSelect })
        : await tx.syncSchedule.create({
            data: { ...data, rootAccountId: v.accountId },
            select: scheduleSelect,
          });
      const changes = before
        ? (Object.keys(data) as (keyof typeof data)[]).filter(
            (k) =>
              k !== "runAsId" && k !== "credentialSecret" && before[k as keyof typeof before] !== data[k],
          )
        : [];
      if (before && secret !== undefined) changes.push("credentialSecret");
      await recordAudit(tx, {
        action: before ? "sync.schedule_changed" : "sync.schedule_added",
        actorId: actor.userId,
        rootAccountId: v.accountId,
        ip: actor.ip,
        data: { schedule: row.id, name: row.name, ...(before && { changes }) },
      });
      return row;
    });
  } catch (err) {
    const known = fromPrismaError(err);
    if (known?.code === "conflict" || known?.code === "bad_request")
      throw fieldError("name", "This school already has a scheduled sync by that name.");
    throw known ?? err;
  }
  await registerSchedule(saved);
  return toDto(saved);
}

export async function removeSyncSchedule(actor: Actor, input: { accountId: number; scheduleId: number }) {
  const found = await findSchedule(actor, input.accountId, input.scheduleId);
  await db.$transaction(async (tx) => {
    await tx.syncSchedule.delete({ where: { id: found.id } });
    await recordAudit(tx, {
      action: "sync.schedule_removed",
      actorId: actor.userId,
      rootAccountId: found.rootAccountId,
      ip: actor.ip,
      data: { schedule: found.id, name: found.name },
    });
  });
  await unregisterSchedule(found.id);
}

/** "Run now": queued for a worker, as the schedule's own time would. */
export async function runSyncNow(actor: Actor, input: { accountId: number; scheduleId: number }) {
  const found = await findSchedule(actor, input.accountId, input.scheduleId);
  await recordAudit(db, {
    action: "sync.run_requested",
    actorId: actor.userId,
    rootAccountId: found.rootAccountId,
    ip: actor.ip,
    data: { schedule: found.id, name: found.name },
  });
  await requestRun(found.id);
}

/** Switches a schedule off (it stays listed, pg-boss no longer fires it) or on again. */
export async function setSyncScheduleEnabled(
  actor: Actor,
  input: { accountId: number; scheduleId: number; enabled: boolean },
): Promise<SyncScheduleDto> {
  const found = await findSchedule(actor, input.accountId, input.scheduleId);
  const saved = await db.$transaction(async (tx) => {
    const row = await tx.syncSchedule.update({
      where: { id: found.id },
      data: { enabled: input.enabled },
      select: scheduleSelect,
    });
    await recordAudit(tx, {
      action: "sync.schedule_changed",
      actorId: actor.userId,
      rootAccountId: found.rootAccountId,
      ip: actor.ip,
      data: { schedule: found.id, name: found.name, changes: [input.enabled ? "enabled" : "disabled"] },
    });
    return row;
  });
  await registerSchedule(saved);
  return toDto(saved);
}
