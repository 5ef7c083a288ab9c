// The authorization sweep of the server actions. Calling them over HTTP needs the build's action
// ids and React's reply encoding, so they are swept through what they call: every domain function
// a "use server" file calls with the session's actor (the list is read from the files, so a new
// one without a case fails), called by each role with another user's and school's ids → refused or
// no foreign data, the database unchanged. Anonymous callers never reach them: every exported
// action outside the sign-in pages checks the session first (checked here too).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../lib/accounts/actor.ts";
import { renewPasswordSetup } from "../../lib/identity/setup-links.ts";
import { updateAccountSettings } from "../../lib/accounts/settings.ts";
import { searchUsers } from "../../lib/admin/users.ts";
import { AppError } from "../../lib/platform/errors.ts";
import { createSisImport, runDryRunForReal } from "../../lib/imports/imports.ts";
import { undoSisImport } from "../../lib/imports/undo.ts";
import { getSisImport } from "../../lib/imports/read.ts";
import { markNotificationsRead } from "../../lib/mail/notifications.ts";
import { linkObserveeByAdmin, removeObserver, unlinkObservee } from "../../lib/observer-links/index.ts";
import { pageRequest } from "../../lib/platform/pagination.ts";
import { courseCodeSlips } from "../../lib/admin/courses.ts";
import { addCourseObserver } from "../../lib/courses/observers/add.ts";
import { endEnrollment } from "../../lib/courses/observers/remove.ts";
import { requestAnotherCourse } from "../../lib/courses/observers/requests.ts";
import { approveObserverRequest, declineObserverRequest } from "../../lib/courses/observers/decide.ts";
import { resendEmailVerification } from "../../lib/identity/email-verification.ts";
import {
  createPairingCode,
  listActivePairingCodes,
  redeemPairingCode,
  revokePairingCode,
} from "../../lib/pairing-codes/index.ts";
import { codeTriesLeft } from "../../lib/pairing-codes/tries-left.ts";
import { setUserLocale } from "../../lib/users/locale.ts";
import { changePassword } from "../../lib/identity/password-change.ts";
import { createAccessToken, revokeAccessToken } from "../../lib/identity/tokens.ts";
import {
  addSchoolSsoProvider,
  enableSchoolSsoProvider,
  removeSchoolSsoProvider,
  updateSchoolSsoProvider,
} from "../../lib/identity/sso/admin.ts";
import { setStaffPasswordSignIn } from "../../lib/identity/sso/password-policy.ts";
import { startSsoTest } from "../../lib/identity/sso/test-sign-in.ts";
import {
  removeSyncSchedule,
  runSyncNow,
  saveSyncSchedule,
  setSyncScheduleEnabled,
} from "../../lib/imports/schedules/index.ts";
import { authzWorld, foreignStrings, snapshot, type Targets } from "./authz-world.ts";

type Case = (actor: Actor, t: Targets) => Promise<unknown>[];
const sso = (t: Targets) => ({
  rootAccountId: t.school.root.id,
  name: "Intruder",
  issuer: "https://idp.example.invalid",
  claim: "email",
});
const csv = new TextEncoder().encode("user_id,login_id,status\nx,intruder@x.test,active\n");

const sync = (t: Targets) => ({ accountId: t.school.root.id, scheduleId: t.syncScheduleId });

const CASES: Record<string, Case> = {
  linkObserveeByAdmin: (a, t) => [linkObserveeByAdmin(a, { observerId: a.userId, studentId: t.student.id })],
  unlinkObservee: (a, t) => [unlinkObservee(a, { observerId: t.parent.id, studentId: t.student.id })],
  searchUsers: (a, t) => [searchUsers(a, { q: t.student.login, page: pageRequest({}) })],
  renewPasswordSetup: (a, t) => [renewPasswordSetup(a, { loginId: t.loginId })],
  updateAccountSettings: (a, t) => [
    updateAccountSettings(a, {
      root_account_id: t.school.root.id,
      self_registration: "all",
      pairing_code_lifetime_days: 30,
      students_may_remove_observers: true,
      teachers_may_generate_codes: true,
    }),
  ],
  createSisImport: (a, t) => [
    createSisImport(a, {
      accountId: t.school.root.id,
      files: [{ name: "u.csv", data: csv }],
      enqueue: false,
    }),
  ],
  // findImport (app/(app)/admin/imports/lookup.ts) looks the import up through getSisImport.
  findImport: (a, t) => [getSisImport(a, { accountId: t.school.root.id, importId: t.importId })],
  runDryRunForReal: (a, t) => [runDryRunForReal(a, { accountId: t.school.root.id, importId: t.importId })],
  undoSisImport: (a, t) => [
    undoSisImport(a, { accountId: t.school.root.id, importId: t.importId, dryRun: false }),
  ],
  redeemPairingCode: (a, t) => [redeemPairingCode(a, { observerId: t.parent.id, code: "ABCD2345" })],
  // Acts on the actor's own notifications only: no id to aim elsewhere; must not touch anyone else's.
  markNotificationsRead: (a) => [markNotificationsRead(a)],
  revokePairingCode: (a, t) => [revokePairingCode(a, { studentId: t.student.id, codeId: t.codeId })],
  removeObserver: (a, t) => [removeObserver(a, { studentId: t.student.id, observerId: t.parent.id })],
  createAccessToken: (a, t) => [createAccessToken(a, { userId: t.student.id, purpose: "intruder" })],
  revokeAccessToken: (a, t) => [
    revokeAccessToken(a, { userId: a.userId, tokenId: t.tokenId }),
    revokeAccessToken(a, { userId: t.parent.id, tokenId: t.tokenId }),
  ],
  createPairingCode: (a, t) => [createPairingCode(a, { studentId: t.student.id })],
  listActivePairingCodes: (a, t) => [listActivePairingCodes(a, { studentId: t.student.id })],
  // choices (app/(app)/code-actions.ts) lists a student's codes through listActivePairingCodes.
  choices: (a, t) => [listActivePairingCodes(a, { studentId: t.student.id })],
  // The course People page: an invitation (which would make an account) and an existing user.
  addCourseObserver: (a, t) => [
    addCourseObserver(a, {
      courseId: t.course.id,
      email: `intruder-${t.student.id}@x.test`,
      name: "Intruder",
      studentIds: [t.student.id],
    }),
    addCourseObserver(a, {
      courseId: t.course.id,
      email: t.parent.login,
      studentIds: [t.student.id],
      confirmStudentObserver: true,
    }),
  ],
  endEnrollment: (a, t) => [
    endEnrollment(a, { courseId: t.course.id, enrollmentId: t.studentEnrollmentId, task: "delete" }),
    endEnrollment(a, { courseId: t.course.id, enrollmentId: t.courseObserverEnrollmentId, task: "delete" }),
  ],
  // Observers' requests to observe in another course: asking about someone else's student, and
  // answering another school's (or another course's) request, in the course asked for and in one
  // the observer already observes.
  requestAnotherCourse: (a, t) => [requestAnotherCourse(a, { studentId: t.student.id, note: "Art" })],
  approveObserverRequest: (a, t) => [
    approveObserverRequest(a, { requestId: t.requestId, courseId: t.otherCourse.id }),
    approveObserverRequest(a, { requestId: t.requestId, courseId: t.course.id }),
  ],
  declineObserverRequest: (a, t) => [
    declineObserverRequest(a, { requestId: t.requestId }),
    declineObserverRequest(a, { requestId: t.requestId, courseId: t.otherCourse.id }),
  ],
  courseCodeSlips: (a, t) => [courseCodeSlips(a, t.course.id, true), courseCodeSlips(a, t.course.id, false)],
  // The next three take no one else's id: they act on the actor alone and must change no one.
  codeTriesLeft: (a) => [codeTriesLeft(a)],
  // Their own language only: a language we do not speak is refused; "automatic" when it already is changes nothing.
  setUserLocale: (a) => [setUserLocale(a, { locale: "xx" }), setUserLocale(a, { locale: "" })],
  changePassword: (a) => [
    changePassword(a, { current_password: "not-their-password", password: "intruder-picks-this-1" }),
  ],
  resendEmailVerification: (a) => [resendEmailVerification(a)],
  // Admin → Settings → Sign-in: another school's providers and password switch.
  addSchoolSsoProvider: (a, t) => [
    addSchoolSsoProvider(a, { ...sso(t), clientId: "intruder", clientSecret: "intruder-secret" }),
  ],
  updateSchoolSsoProvider: (a, t) => [
    updateSchoolSsoProvider(a, { ...sso(t), id: t.ssoProviderId, clientId: "intruder", clientSecret: "x" }),
  ],
  enableSchoolSsoProvider: (a, t) => [
    enableSchoolSsoProvider(a, { rootAccountId: t.school.root.id, id: t.ssoProviderId, enabled: false }),
  ],
  removeSchoolSsoProvider: (a, t) => [
    removeSchoolSsoProvider(a, { rootAccountId: t.school.root.id, id: t.ssoProviderId }),
  ],
  setStaffPasswordSignIn: (a, t) => [
    setStaffPasswordSignIn(a, { rootAccountId: t.school.root.id, allowed: false }),
  ],
  startSsoTest: (a, t) => [
    startSsoTest(a, {
      rootAccountId: t.school.root.id,
      id: t.ssoProviderId,
      origin: "https://intruder.test",
    }),
  ],
  // Admin → Imports → Scheduled sync: another school's schedules (a new one, a change, run, off, delete).
  saveSyncSchedule: (a, t) =>
    [undefined, t.syncScheduleId].map((scheduleId) =>
      saveSyncSchedule(a, {
        ...sync(t),
        scheduleId,
        name: "Intruder",
        url: "https://intruder.example/x.csv",
        importType: "family_roster",
        credentialKind: "none",
        timeOfDay: "01:00",
        timeZone: "UTC",
        dataSet: "intruder",
        enabled: true,
      }),
    ),
  runSyncNow: (a, t) => [runSyncNow(a, sync(t))],
  setSyncScheduleEnabled: (a, t) => [setSyncScheduleEnabled(a, { ...sync(t), enabled: true })],
  removeSyncSchedule: (a, t) => [removeSyncSchedule(a, sync(t))],
};

function actionFiles(dir = "app"): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return actionFiles(p);
    return /\.tsx?$/.test(e.name) && fs.readFileSync(p, "utf8").includes('"use server"') ? [p] : [];
  });
}

describe("authorization sweep of the server actions (through the domain functions they call)", () => {
  let world: Awaited<ReturnType<typeof authzWorld>>;
  beforeAll(async () => {
    world = await authzWorld();
  });

  it("has a case for every domain function a server action calls with the session's actor", () => {
    const called = new Set(
      actionFiles().flatMap((f) =>
        [...fs.readFileSync(f, "utf8").matchAll(/(?:await|=>)\s+(\w+)\(\s*actor\b/g)].map((m) => m[1]),
      ),
    );
    expect(called.size).toBeGreaterThan(10);
    expect([...called].filter((fn) => !(fn in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((fn) => !called.has(fn))).toEqual([]);
  });

  it("every action outside the sign-in pages checks the session before anything else", () => {
    for (const f of actionFiles().filter(
      (f) => !f.includes("(auth)") && !f.endsWith("app/(app)/actions.ts"),
    )) {
      const src = fs.readFileSync(f, "utf8");
      const bodies = src.split(/\nexport (?:async function|const) /).slice(1);
      for (const body of bodies)
        expect(/requireActor\(\)|getActor\(\)|idAction\(/.test(body), `${f}: ${body.slice(0, 60)}`).toBe(
          true,
        );
    }
  });

  it("refuses every role other users' and schools' objects: no read or write leaks", async () => {
    const problems: string[] = [];
    let calls = 0;
    for (const { actor: who, targets } of world.sweeps) {
      if (who.userId === null) continue; // anonymous: requireActor redirects before any of these
      const domain = who.host === world.a.domain ? world.a.root.id : world.b.root.id;
      const actor = await loadActor(who.userId, {
        domainRootAccountId: domain,
        ip: "203.0.113.9",
        via: "session",
      });
      // A session is bound to its school: on another school's host its holder is anonymous there,
      // and requireActor redirects before any of these run.
      if (!actor) {
        expect(who.schoolId, `${who.role} has no actor on its own school`).not.toBe(domain);
        continue;
      }
      for (const t of targets)
        for (const [fn, make] of Object.entries(CASES)) {
          const before = await snapshot();
          const outcomes = await Promise.allSettled(make(actor, t));
          calls += outcomes.length;
          const where = `${who.role} → ${fn} (school ${t.school.domain})`;
          for (const o of outcomes) {
            const text = o.status === "fulfilled" ? JSON.stringify(o.value ?? null) : "";
            if (o.status === "rejected" && !(o.reason instanceof AppError))
              problems.push(`${where}: unexpected error ${String(o.reason)}`);
            const leaked = foreignStrings(t, who.schoolId).filter((s) => text.includes(s));
            if (leaked.length) problems.push(`${where}: leaks ${leaked.join(", ")}`);
          }
          const after = await snapshot();
          const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
          if (changed.length) problems.push(`${where}: changed ${changed.join(", ")}`);
        }
    }
    console.log(`server-action sweep: ${calls} calls`);
    expect(problems).toEqual([]);
  });
});
