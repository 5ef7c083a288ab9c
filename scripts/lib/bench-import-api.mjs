// bench:import's other baseline: the per-row automation of the usual Canvas API article
// (/work/shared/seeds/002_*), against the running app. Five requests per family: search the
// student, search the observer, list the observer's observees (an existing observer) or create
// the observer with force_self_registration (a new one), generate a pairing code, pair (a search
// whose exact match is not on its first page follows the Link header, as a script must). Families
// sharing a guardian go one after another (two at once would both try to create the parent);
// otherwise CONCURRENCY families are in flight, as the article's asyncio version runs them.

const q = (params) => new URLSearchParams(params).toString();

export async function apiAutomation(base, token, families, { concurrency = 8 } = {}) {
  let requests = 0;
  let pairWithUniqueId = true; // the article's observee[unique_id] + pairing_code
  let fallbackNote = null;
  const call = async (method, path, params = {}) => {
    requests++;
    const res = await fetch(path.startsWith("http") ? path : `${base}/api/v1${path}?${q(params)}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await res.json().catch(() => null);
    const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
    return { status: res.status, body, next };
  };
  const must = (r, what) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body;
  };
  // A search for 100 also returns 1001, 1002…: look through the pages for the exact match.
  const search = async (term, match) => {
    let r = await call("GET", "/accounts/self/users", { search_term: term, per_page: "100" });
    for (;;) {
      const found = must(r, "search").find(match);
      if (found || !r.next) return found ?? null;
      r = await call("GET", r.next);
    }
  };

  async function family(f) {
    const student = await search(f.studentSis, (u) => u.sis_user_id === f.studentSis);
    if (!student) throw new Error(`student ${f.studentSis} not found`);
    let observer = await search(f.email, (u) => u.login_id === f.email);
    if (observer) {
      const observees = must(
        await call("GET", `/users/${observer.id}/observees`, { per_page: "100" }),
        "observees",
      );
      if (observees.some((s) => s.id === student.id)) return;
    }
    const code = must(await call("POST", `/users/${student.id}/observer_pairing_codes`), "pairing code").code;
    observer ??= must(
      await call("POST", "/accounts/self/users", {
        "user[name]": f.name,
        "pseudonym[unique_id]": f.email,
        "pseudonym[force_self_registration]": "true",
      }),
      "create observer",
    );
    const pair = pairWithUniqueId
      ? { "observee[unique_id]": String(student.id), pairing_code: code }
      : { pairing_code: code };
    let r = await call("POST", `/users/${observer.id}/observees`, pair);
    if (r.status === 400 && pairWithUniqueId) {
      // The article's parameters are refused: send the code alone (and say so in the report).
      pairWithUniqueId = false;
      fallbackNote = `observee[unique_id] + pairing_code answered 400 (${JSON.stringify(r.body).slice(0, 120)}); sent pairing_code alone`;
      r = await call("POST", `/users/${observer.id}/observees`, { pairing_code: code });
    }
    must(r, "pair");
  }

  // One task per guardian: their children in order.
  const byGuardian = new Map();
  for (const f of families) byGuardian.set(f.email, [...(byGuardian.get(f.email) ?? []), f]);
  const tasks = [...byGuardian.values()];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) for (const f of tasks[next++]) await family(f);
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, requests, families: families.length, fallbackNote };
}
