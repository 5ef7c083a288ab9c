// Calls App Router route handlers directly with real Requests (the same code `next start` runs).
import { issueAccessToken } from "../../lib/identity/tokens.ts";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function tokenFor(userId: number): Promise<string> {
  return (await issueAccessToken({ userId, purpose: "test", actorId: null })).token;
}

export async function call(
  handler: Handler,
  opts: {
    url: string;
    params: Record<string, string>;
    token?: string;
    method?: string;
    body?: unknown;
    host?: string;
    form?: boolean;
  },
) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  // An HTTP/1.1 request always names its Host (the API refuses one it does not serve).
  headers.host = opts.host ?? "localhost";
  let body: string | undefined;
  if (opts.body !== undefined) {
    if (opts.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = String(opts.body);
    } else {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.body);
    }
  }
  const res = await handler(
    new Request(`http://localhost${opts.url}`, { method: opts.method ?? "GET", headers, body }),
    { params: Promise.resolve(opts.params) },
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}
