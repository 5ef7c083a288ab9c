// A school with everyone the REST API's authorization matrix needs, each with an API token, and a
// request helper for calling route handlers the way HTTP clients do (query, JSON, form, multipart).
import { createRootAccount, createSubAccount, makeAccountAdmin } from "../../lib/accounts/provisioning.ts";
import { enrollUser } from "../../lib/courses/provisioning.ts";
import { tokenFor } from "./api.ts";
import { makeCourse, makeUser, uid } from "./factory.ts";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type Who = { id: number; name: string; login: string; token: string };

/** A new user of the root account with an API token (named `name` and a unique suffix, if given). */
export async function person(rootAccountId: number, name?: string, sisUserId?: string): Promise<Who> {
  const u = await makeUser(rootAccountId, { name: name && `${name} ${uid()}`, sisUserId });
  return { ...u, token: await tokenFor(u.id) };
}

/** Canvas's error bodies, as the API answers them. */
export const UNAUTHENTICATED = {
  status: "unauthenticated",
  errors: [{ message: "user authorization required" }],
};
export const UNAUTHORIZED = {
  status: "unauthorized",
  errors: [{ message: "user not authorized to perform that action" }],
};
export const NOT_FOUND = { errors: [{ message: "The specified resource does not exist." }] };

/**
 * One root account answering its own host, a sub-account holding a course, and: a student in the
 * course, a parent, a root admin, a sub-account admin, the course's teacher, an unrelated member,
 * and a second institution with its own admin and member.
 */
export async function world(
  opts: {
    teachersMayGenerateCodes?: boolean;
    studentsMayRemoveObservers?: boolean;
    selfRegistration?: "none" | "observers" | "all";
  } = {},
) {
  const domain = `school-${uid()}.test`;
  const root = await createRootAccount({
    name: `School ${domain}`,
    domain,
    selfRegistration: opts.selfRegistration ?? "observers",
    teachersMayGenerateCodes: opts.teachersMayGenerateCodes ?? false,
    studentsMayRemoveObservers: opts.studentsMayRemoveObservers ?? false,
  });
  const sub = await createSubAccount({ name: `High ${uid()}`, parentId: root.id });
  const course = await makeCourse(sub.id);
  const tag = uid();
  const [student, parent, admin, subAdmin, teacher, stranger] = await Promise.all([
    person(root.id, "Student", `S-${tag}`),
    person(root.id, "Parent"),
    person(root.id, "Admin"),
    person(root.id, "SubAdmin"),
    person(root.id, "Teacher"),
    person(root.id, "Stranger"),
  ]);
  await enrollUser({ courseId: course.id, userId: student.id, type: "student" });
  await enrollUser({ courseId: course.id, userId: teacher.id, type: "teacher" });
  await makeAccountAdmin({ accountId: root.id, userId: admin.id });
  await makeAccountAdmin({ accountId: sub.id, userId: subAdmin.id });
  const otherDomain = `other-${uid()}.test`;
  const other = await createRootAccount({
    name: `Other ${otherDomain}`,
    domain: otherDomain,
    selfRegistration: "observers",
  });
  const [otherAdmin, otherMember] = await Promise.all([
    person(other.id, "OtherAdmin"),
    person(other.id, "OtherMember"),
  ]);
  await makeAccountAdmin({ accountId: other.id, userId: otherAdmin.id });
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}-${tag}`;
  return {
    domain,
    root,
    sub,
    course,
    student,
    parent,
    admin,
    subAdmin,
    teacher,
    stranger,
    other,
    otherDomain,
    otherAdmin,
    otherMember,
    ip,
  };
}

export type World = Awaited<ReturnType<typeof world>>;

export type Call = {
  method?: string;
  /** Path after /api/v1, with its query string, e.g. `/users/self/observees?per_page=2`. */
  url: string;
  /** The route's dynamic segments. */
  params?: Record<string, string>;
  token?: string;
  host?: string;
  ip?: string;
  json?: unknown;
  form?: string;
  multipart?: Record<string, string>;
  headers?: Record<string, string>;
};

export async function api(handler: Handler, c: Call) {
  const headers: Record<string, string> = { ...c.headers };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  headers.host = c.host ?? "localhost";
  if (c.ip) headers["x-test-client-ip"] = c.ip;
  let body: BodyInit | undefined;
  if (c.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(c.json);
  } else if (c.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = c.form;
  } else if (c.multipart) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(c.multipart)) fd.append(k, v);
    body = fd;
  }
  const req = new Request(`http://${headers.host}/api/v1${c.url}`, {
    method: c.method ?? "GET",
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(c.params ?? {}) });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies of every shape
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

/** Binds a world's host and IP, so each call only names what differs. */
export function client(w: World) {
  return (handler: Handler, c: Call) => api(handler, { ...c, host: c.host ?? w.domain, ip: c.ip ?? w.ip });
}
