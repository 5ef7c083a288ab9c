// A Canvas SIS client for the tests: posts files the ways Canvas documents (multipart `attachment`
// parts, a zip, a raw body), polls the import as a script would, and reads its errors.
import { expect } from "vitest";
import * as imports from "../../app/api/v1/accounts/[account_id]/sis_imports/route.ts";
import * as one from "../../app/api/v1/accounts/[account_id]/sis_imports/[id]/route.ts";
import * as abort from "../../app/api/v1/accounts/[account_id]/sis_imports/[id]/abort/route.ts";
import * as errors from "../../app/api/v1/accounts/[account_id]/sis_imports/[id]/errors/route.ts";
import * as attachment from "../../app/api/v1/accounts/[account_id]/sis_imports/[id]/errors_attachment/route.ts";
import * as observees from "../../app/api/v1/users/[user_id]/observees/route.ts";
import { db } from "../../lib/platform/db.ts";
import type { World } from "./api-world.ts";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export const csv = (name: string, lines: string[]) =>
  new File([lines.join("\n") + "\n"], name, { type: "text/csv" });

export const bytes = (lines: string[]) => new TextEncoder().encode(lines.join("\n") + "\n");

export type Sent = {
  method?: string;
  /** Path after /api/v1, with its query string. */
  url: string;
  params: Record<string, string>;
  token?: string;
  host: string;
  body?: BodyInit;
  headers?: Record<string, string>;
};

/** Calls a route handler with a real Request, the body sent as given (FormData, bytes, a stream). */
export async function send(handler: Handler, c: Sent) {
  const headers: Record<string, string> = { host: c.host, ...c.headers };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  const init: RequestInit & { duplex?: "half" } = { method: c.method ?? "GET", headers, body: c.body };
  if (c.body instanceof ReadableStream) init.duplex = "half";
  const res = await handler(new Request(`http://${c.host}/api/v1${c.url}`, init), {
    params: Promise.resolve(c.params),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read bodies of every shape
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export const DONE = ["imported", "imported_with_messages", "failed", "failed_with_messages", "aborted"];

/** The SIS Imports API as `token`'s user (null: anonymous) calls it on `account` (default `self`) of the world's host. */
export function sisClient(w: World, token: string | null = w.admin.token, account = "self") {
  const base = `/accounts/${account}/sis_imports`;
  const at = (id?: number | string) => ({
    account_id: account,
    ...(id === undefined ? {} : { id: String(id) }),
  });
  const call = (handler: Handler, c: Omit<Sent, "host" | "token">) =>
    send(handler, { ...c, host: w.domain, token: token ?? undefined });
  return {
    /** Multipart: one `attachment` part per file, plus text fields. */
    postFiles: (files: File[], query = "", fields: Record<string, string> = {}) => {
      const form = new FormData();
      for (const f of files) form.append("attachment", f);
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      return call(imports.POST, { method: "POST", url: `${base}${query}`, params: at(), body: form });
    },
    postForm: (form: FormData) => call(imports.POST, { method: "POST", url: base, params: at(), body: form }),
    /** A raw body with its Content-Type (Canvas's `--data-binary` form). */
    postRaw: (body: BodyInit, type: string, query = "", headers: Record<string, string> = {}) =>
      call(imports.POST, {
        method: "POST",
        url: `${base}${query}`,
        params: at(),
        body,
        headers: { "content-type": type, ...headers },
      }),
    list: (query = "") => call(imports.GET, { url: `${base}${query}`, params: at() }),
    get: (id: number | string) => call(one.GET, { url: `${base}/${id}`, params: at(id) }),
    abort: (id: number | string) =>
      call(abort.PUT, { method: "PUT", url: `${base}/${id}/abort`, params: at(id) }),
    errors: (id: number | string, query = "") =>
      call(errors.GET, { url: `${base}/${id}/errors${query}`, params: at(id) }),
    attachment: (id: number | string) =>
      call(attachment.GET, { url: `${base}/${id}/errors_attachment`, params: at(id) }),
    /** Polls GET …/sis_imports/:id, as a Canvas script does, until the import has finished. */
    async finished(id: number) {
      const deadline = Date.now() + 25_000;
      for (;;) {
        const res = await call(one.GET, { url: `${base}/${id}`, params: at(id) });
        expect(res.status).toBe(200);
        if (DONE.includes(res.json.workflow_state)) return res.json;
        if (Date.now() > deadline) throw new Error(`import ${id} still ${res.json.workflow_state}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    },
  };
}

/** The ids of the students `observer` (a path user id, e.g. `sis_user_id:P1`) observes, as the admin sees them. */
export async function observeeIds(w: World, observer: string) {
  const res = await send(observees.GET, {
    url: `/users/${observer}/observees`,
    params: { user_id: observer },
    host: w.domain,
    token: w.admin.token,
  });
  expect(res.status).toBe(200);
  return (res.json as { id: number }[]).map((u) => u.id);
}

/** The SIS id of a world user (the world gives its student one). */
export async function sisIdOf(userId: number) {
  const login = await db.login.findFirstOrThrow({ where: { userId }, select: { sisUserId: true } });
  return login.sisUserId!;
}
