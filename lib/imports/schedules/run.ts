import "server-only";
// One run of a scheduled sync: download the file (download.ts), import it as the schedule's
// diffed data set with its change_threshold, through createSisImport like an upload (so it is in
// the imports list, marked with its schedule), apply it here, then record the outcome on the
// schedule. A download that fails, an import that fails, or one the threshold refuses emails the
// school's admins, naming the schedule, the reason and the import.
import { db } from "../../platform/db.ts";
import { loadActor } from "../../accounts/actor.ts";
import { schoolOrigin } from "../../accounts/origin.ts";
import { openSecret } from "../../identity/sso/secret-box.ts";
import { deliverSoon, queueEmailInTx } from "../../mail/outbox.ts";
import { toAppError } from "../../platform/errors.ts";
import type { ImportType } from "../formats.ts";
import { createSisImport } from "../imports.ts";
import { runSisImport } from "../run.ts";
import { downloadFile, DownloadError, type Credential, type DownloadOptions } from "./download.ts";

export type SyncOutcome = {
  outcome: "imported" | "failed" | "refused" | "skipped";
  importId: number | null;
  reason: string | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function credentialOf(s: {
  credentialKind: string;
  credentialUsername: string | null;
  credentialSecret: string | null;
}): Credential {
  if (s.credentialKind === "none" || !s.credentialSecret) return { kind: "none" };
  const secret = openSecret(s.credentialSecret);
  return s.credentialKind === "basic"
    ? { kind: "basic", username: s.credentialUsername ?? "", password: secret }
    : { kind: "bearer", token: secret };
}

/** Runs schedule `scheduleId` now. `trigger: "schedule"` skips a disabled schedule. */
export async function runScheduledSync(
  scheduleId: number,
  trigger: "schedule" | "now" = "now",
  options: DownloadOptions = {},
): Promise<SyncOutcome> {
  const s = await db.syncSchedule.findUnique({ where: { id: scheduleId } });
  if (!s || (trigger === "schedule" && !s.enabled))
    return { outcome: "skipped", importId: null, reason: null };
  let importId: number | null = null;
  let result: SyncOutcome;
  try {
    const actor =
      s.runAsId === null
        ? null
        : await loadActor(s.runAsId, { domainRootAccountId: s.rootAccountId, ip: null, via: "session" });
    if (!actor)
      throw new DownloadError("The admin who saved this sync can no longer sign in here: save it again.");
    const file = await downloadFile(s.url, credentialOf(s), options);
    const created = await createSisImport(actor, {
      accountId: s.rootAccountId,
      files: [file],
      importType: s.importType as ImportType,
      diffing: { dataSet: s.dataSet, changeThreshold: s.changeThreshold ?? undefined },
      enqueue: false,
    });
    importId = created.id;
    await db.sisImport.update({ where: { id: importId }, data: { syncScheduleId: s.id } });
    if (created.workflow_state === "created")
      while ((await runSisImport(importId)) === "busy") await sleep(2000);
    const end = await db.sisImport.findUniqueOrThrow({
      where: { id: importId },
      select: {
        workflowState: true,
        messages: { where: { severity: "error" }, take: 3, select: { message: true } },
      },
    });
    const reasons = end.messages.map((m) => m.message).join(" ");
    if (end.workflowState === "imported" || end.workflowState === "imported_with_messages")
      result = { outcome: "imported", importId, reason: null };
    else
      result = {
        outcome: /change_threshold/.test(reasons) ? "refused" : "failed",
        importId,
        reason: reasons || `The import ended ${end.workflowState.replaceAll("_", " ")}.`,
      };
  } catch (err) {
    const known = err instanceof DownloadError ? err : toAppError(err);
    if (!known) console.error("[sync]", err);
    result = {
      outcome: "failed",
      importId,
      reason: known?.message ?? "An unexpected error stopped the sync.",
    };
  }
  await record(s, result);
  return result;
}

async function record(s: { id: number; rootAccountId: number; name: string }, r: SyncOutcome) {
  const link = await importLink(s.rootAccountId, r.importId);
  await db.$transaction(async (tx) => {
    await tx.syncSchedule.update({
      where: { id: s.id },
      data: {
        lastRunAt: new Date(),
        lastOutcome: r.outcome,
        lastMessage: r.reason,
        lastImportId: r.importId,
      },
    });
    if (r.outcome === "imported") return;
    const school = await tx.account.findUniqueOrThrow({
      where: { id: s.rootAccountId },
      select: { name: true },
    });
    const admins = await tx.user.findMany({
      where: {
        workflowState: "active",
        email: { not: null },
        adminRoles: { some: { accountId: s.rootAccountId, workflowState: "active" } },
      },
      select: { email: true },
    });
    const what = r.outcome === "refused" ? "was refused" : "failed";
    for (const a of admins)
      await queueEmailInTx(tx, {
        to: a.email!,
        rootAccountId: s.rootAccountId,
        subject: `${school.name}: the scheduled sync “${s.name}” ${what}`,
        text:
          `The scheduled sync “${s.name}” of ${school.name} ${what}${r.outcome === "refused" ? ": nothing was applied" : ""}.\n\n` +
          `Why: ${r.reason}\n\n` +
          (link ? `${r.importId ? "The import" : "Scheduled syncs"}: ${link}\n\n` : "") +
          `You get this email as an admin of ${school.name}.\n`,
      });
  });
  deliverSoon();
}

async function importLink(rootAccountId: number, importId: number | null): Promise<string | null> {
  try {
    const origin = await schoolOrigin(rootAccountId);
    return new URL(
      importId ? `/admin/imports/${importId}` : "/admin/imports#scheduled-sync",
      origin,
    ).toString();
  } catch {
    return null; // no APP_URL and no domain: the email says why without a link
  }
}
