import "server-only";
// A school's scheduled syncs, as the admin page and the CLI manage them: only admins of the root
// account, only its own schedules. The secret (a bearer token or a basic password) is sealed at
// rest and never returned; saving without one keeps the stored one. Each change is audited and
// re-registers the schedule with pg-boss (queue.ts).
import { db } from "../../platform/db.ts";
import type { Actor } from "../../accounts/actor.ts";
import { recordAudit } from "../../audit/events.ts";
import { sealSecret } from "../../identity/sso/secret-box.ts";
import { fieldError, fromPrismaError, notFound } from "../../platform/errors.ts";
import { requireRootAdmin } from "../read.ts";
import { registerSchedule, requestRun, unregisterSchedule } from "./queue.ts";
import {
  parseScheduleInput,
  scheduleSelect,
  toDto,
  type ScheduleInput,
  type SyncScheduleDto,
} from "./schema.ts";

export * from "./schema.ts";

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
  const v = parseScheduleInput(input);
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

/** The audit event of a change to schedule `s` (in the change's transaction). */
function auditSchedule(
  tx: Parameters<typeof recordAudit>[0],
  actor: Actor,
  s: { id: number; name: string; rootAccountId: number },
  action: "sync.schedule_removed" | "sync.run_requested" | "sync.schedule_changed",
  changes?: string[],
) {
  return recordAudit(tx, {
    action,
    actorId: actor.userId,
    rootAccountId: s.rootAccountId,
    ip: actor.ip,
    data: { schedule: s.id, name: s.name, ...(changes && { changes }) },
  });
}

export async function removeSyncSchedule(actor: Actor, input: { accountId: number; scheduleId: number }) {
  const found = await findSchedule(actor, input.accountId, input.scheduleId);
  await db.$transaction(async (tx) => {
    await tx.syncSchedule.delete({ where: { id: found.id } });
    await auditSchedule(tx, actor, found, "sync.schedule_removed");
  });
  await unregisterSchedule(found.id);
}

/** "Run now": queued for a worker, as the schedule's own time would. */
export async function runSyncNow(actor: Actor, input: { accountId: number; scheduleId: number }) {
  const found = await findSchedule(actor, input.accountId, input.scheduleId);
  await auditSchedule(db, actor, found, "sync.run_requested");
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
    await auditSchedule(tx, actor, found, "sync.schedule_changed", [input.enabled ? "enabled" : "disabled"]);
    return row;
  });
  await registerSchedule(saved);
  return toDto(saved);
}
