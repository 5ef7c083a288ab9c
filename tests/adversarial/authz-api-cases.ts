// One sweep case per operation of the OpenAPI document: the requests that aim it at another
// user's or school's objects. tests/adversarial/authz-api.test.ts fails when an operation served by
// the app has no case here, so a new route cannot go unswept.
import type { Targets } from "./authz-world.ts";

export type SweepRequest = { method: string; path: string; body?: Record<string, unknown> };

const u = (t: Targets) => t.student.id;
const p = (t: Targets) => t.parent.id;
const acct = (t: Targets) => t.school.root.id;
const imp = (t: Targets) => `/accounts/${acct(t)}/sis_imports/${t.importId}`;

export const SWEEP_CASES: Record<string, (t: Targets) => SweepRequest[]> = {
  listAccounts: () => [{ method: "GET", path: "/accounts" }],
  getAccount: (t) => [
    { method: "GET", path: `/accounts/${acct(t)}` },
    { method: "GET", path: `/accounts/${t.subId}` },
  ],
  listAccountUsers: (t) => [
    { method: "GET", path: `/accounts/${acct(t)}/users` },
    { method: "GET", path: `/accounts/${acct(t)}/users?search_term=${encodeURIComponent(t.student.login)}` },
  ],
  createAccountUser: (t) => [
    {
      method: "POST",
      path: `/accounts/${acct(t)}/users`,
      body: {
        user: { name: "Intruder" },
        pseudonym: { unique_id: `intruder-${t.student.id}@x.test`, password: "long-enough-pass-1" },
      },
    },
  ],
  createCourse: (t) => [
    { method: "POST", path: `/accounts/${acct(t)}/courses`, body: { course: { name: "Intruder course" } } },
    {
      method: "POST",
      path: `/accounts/${t.subId}/courses`,
      body: { course: { name: "Intruder course" } },
    },
  ],
  getCourse: (t) => [{ method: "GET", path: `/courses/${t.course.id}` }],
  createEnrollment: (t) => [
    {
      method: "POST",
      path: `/courses/${t.course.id}/enrollments`,
      body: { enrollment: { user_id: u(t), type: "ObserverEnrollment" } },
    },
    {
      method: "POST",
      path: `/courses/${t.course.id}/enrollments`,
      body: { enrollment: { user_id: "self", type: "TeacherEnrollment" } },
    },
  ],
  deleteEnrollment: (t) =>
    [t.studentEnrollmentId, t.courseObserverEnrollmentId].flatMap((id) => [
      { method: "DELETE", path: `/courses/${t.course.id}/enrollments/${id}?task=delete` },
      { method: "DELETE", path: `/courses/${t.course.id}/enrollments/${id}`, body: { task: "conclude" } },
    ]),
  listCourseUsers: (t) => [
    { method: "GET", path: `/courses/${t.course.id}/users` },
    {
      method: "GET",
      path: `/courses/${t.course.id}/users?include[]=enrollments&include[]=observed_users&enrollment_type[]=observer`,
    },
    {
      method: "GET",
      path: `/courses/${t.course.id}/users?search_term=${encodeURIComponent(t.student.login)}`,
    },
  ],
  listCourseEnrollments: (t) => [{ method: "GET", path: `/courses/${t.course.id}/enrollments` }],
  listObservees: (t) => [{ method: "GET", path: `/users/${p(t)}/observees` }],
  listObservers: (t) => [{ method: "GET", path: `/users/${u(t)}/observers` }],
  addObservee: (t) => [
    { method: "POST", path: `/users/${p(t)}/observees`, body: { access_token: t.student.token } },
    {
      method: "POST",
      path: `/users/${p(t)}/observees`,
      body: { observee: { unique_id: t.student.login, password: "wrong-password-1" } },
    },
  ],
  getObservee: (t) => [{ method: "GET", path: `/users/${p(t)}/observees/${u(t)}` }],
  getObserver: (t) => [{ method: "GET", path: `/users/${u(t)}/observers/${p(t)}` }],
  linkObservee: (t) => [
    { method: "PUT", path: `/users/${p(t)}/observees/${u(t)}`, body: { root_account_id: acct(t) } },
    { method: "PUT", path: `/users/self/observees/${u(t)}` },
  ],
  removeObservee: (t) => [{ method: "DELETE", path: `/users/${p(t)}/observees/${u(t)}` }],
  removeObserver: (t) => [{ method: "DELETE", path: `/users/${u(t)}/observers/${p(t)}` }],
  createObserverPairingCode: (t) => [{ method: "POST", path: `/users/${u(t)}/observer_pairing_codes` }],
  createSisImport: (t) => [
    {
      method: "POST",
      path: `/accounts/${acct(t)}/sis_imports`,
      body: { import_type: "instructure_csv", extension: "csv" },
    },
  ],
  listSisImports: (t) => [{ method: "GET", path: `/accounts/${acct(t)}/sis_imports` }],
  getSisImport: (t) => [{ method: "GET", path: imp(t) }],
  abortSisImport: (t) => [{ method: "PUT", path: `${imp(t)}/abort` }],
  undoSisImport: (t) => [{ method: "POST", path: `${imp(t)}/undo`, body: { dry_run: false } }],
  listSisImportErrors: (t) => [{ method: "GET", path: `${imp(t)}/errors` }],
  getSisImportErrorsAttachment: (t) => [{ method: "GET", path: `${imp(t)}/errors_attachment` }],
  listSisImportChanges: (t) => [{ method: "GET", path: `${imp(t)}/change_log` }],
  getUser: (t) => [
    { method: "GET", path: `/users/${u(t)}` },
    { method: "GET", path: `/users/sis_login_id:${encodeURIComponent(t.student.login)}` },
  ],
  listUserEnrollments: (t) => [{ method: "GET", path: `/users/${u(t)}/enrollments` }],
  createAccessToken: (t) => [
    { method: "POST", path: `/users/${u(t)}/tokens`, body: { token: { purpose: "intruder" } } },
  ],
  listAccessTokens: () => [{ method: "GET", path: "/users/self/tokens" }],
  deleteAccessToken: (t) => [{ method: "DELETE", path: `/users/self/tokens/${t.tokenId}` }],
};
