// The work of GET /api/v1/users/self/observees without the app: bearer token digest lookup, the
// user re-read, the domain root account, then the observees page (count + rows with their link
// root accounts) and a Link header. The baselines of `npm run bench:api` serve it: the bare
// node:http server (scripts/bench-bare-server.mjs) and a route handler of the empty Next.js app
// (scripts/lib/empty-next-app.mjs), so the two differ only by the framework. Not part of the product.
import { createHash } from "node:crypto";

const unauthenticated = {
  status: 401,
  body: { status: "unauthenticated", errors: [{ message: "user authorization required" }] },
};

/** → { status, body, headers } for `authorization` and `host` headers and the request's URL. */
export async function observeesResponse(pool, { authorization, host, url }) {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!m) return unauthenticated;
  const digest = createHash("sha256").update(m[1]).digest("hex");
  const token = (
    await pool.query("SELECT user_id, expires_at, revoked_at FROM access_tokens WHERE digest = $1", [digest])
  ).rows[0];
  if (!token || token.revoked_at || (token.expires_at && token.expires_at <= new Date()))
    return unauthenticated;
  const user = (
    await pool.query("SELECT id, name FROM users WHERE id = $1 AND workflow_state = 'active'", [
      token.user_id,
    ])
  ).rows[0];
  if (!user) return unauthenticated;
  await pool.query(
    "SELECT id FROM accounts WHERE (domain = $1 OR is_default) AND parent_id IS NULL ORDER BY is_default LIMIT 1",
    [host?.split(":")[0] ?? ""],
  );
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page")) || 10));
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const [{ rows: count }, { rows }] = await Promise.all([
    pool.query(
      "SELECT count(DISTINCT student_id)::int AS n FROM observation_links WHERE observer_id = $1 AND workflow_state = 'active'",
      [user.id],
    ),
    pool.query(
      `SELECT u.id, u.name, u.created_at, u.sortable_name, u.short_name, array_agg(l.root_account_id ORDER BY l.root_account_id) AS roots
         FROM users u JOIN observation_links l ON l.student_id = u.id AND l.observer_id = $1 AND l.workflow_state = 'active'
        GROUP BY u.id ORDER BY u.sortable_name, u.id LIMIT $2 OFFSET $3`,
      [user.id, perPage, (page - 1) * perPage],
    ),
  ]);
  const last = Math.max(1, Math.ceil(count[0].n / perPage));
  const link = (n, rel) => `<http://${host}${url.pathname}?page=${n}&per_page=${perPage}>; rel="${rel}"`;
  const links = [
    link(page, "current"),
    ...(page < last ? [link(page + 1, "next")] : []),
    ...(page > 1 ? [link(page - 1, "prev")] : []),
    link(1, "first"),
    link(last, "last"),
  ];
  return {
    status: 200,
    body: rows.map((u) => ({
      id: u.id,
      name: u.name,
      created_at: u.created_at.toISOString(),
      sortable_name: u.sortable_name,
      short_name: u.short_name,
      observation_link_root_account_ids: u.roots,
    })),
    headers: { link: links.join(",") },
  };
}
