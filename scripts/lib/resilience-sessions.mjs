// bench:resilience's session check: people sign in and pair through the proxy like a browser
// without JavaScript; nginx alternates the instances request by request, so a session made on
// one instance is used on the other, and a server action's form rendered by one is run by the other.
import { Session, formWith } from "./form-session.mjs";
import { newCode } from "./http-client.mjs";
import { checkPairs } from "./resilience-load.mjs";
import { SESSION_PASSWORD } from "./resilience-seed.mjs";

/**
 * One person: sign in, two pages, a code from their student (`person.student`, a token; the code
 * is handed to `onCode`), "Add student" on the Observing page. Throws when a step fails; returns
 * each step with the instance that served it.
 */
export async function signInAndPair(
  base,
  person,
  { indexOf, from, password = SESSION_PASSWORD, onCode = () => {} },
) {
  const s = new Session(base, from);
  const steps = [];
  const note = (what, r) => {
    steps.push({ what, status: r.status, instance: indexOf(r.servedBy) });
    return r;
  };
  const login = note("login page", await s.get("/login"));
  const signedIn = note(
    "sign-in action",
    await s.submit("/login", formWith(login.text, "email"), {
      email: person.login,
      password,
    }),
  );
  if (signedIn.status !== 303 || ![...s.cookies.keys()].some((k) => k.includes("session-token")))
    throw new Error(
      `sign-in answered ${signedIn.status} without a session cookie: ${signedIn.text.slice(0, 200)}`,
    );
  for (let i = 0; i < 2; i++) {
    const page = note("signed-in page", await s.get("/observing"));
    if (page.status !== 200 || !page.text.includes("Sign out"))
      throw new Error(
        `the Observing page with the session answered ${page.status} ${page.headers?.location ?? ""}`,
      );
  }
  const code = await newCode(base, person.student, { from });
  onCode(code);
  steps.push({ what: "code", status: 200, instance: -1 });
  const form = note("form page", await s.get("/observing"));
  const added = note(
    "add-student action",
    await s.submit("/observing", formWith(form.text, "pairing_code"), { pairing_code: code }),
  );
  const ok = (added.status === 200 && added.text.includes("You are now observing")) || added.status === 303;
  if (!ok) throw new Error(`"Add student" answered ${added.status}: ${added.text.slice(0, 300)}`);
  return steps;
}

export async function sessionsOnEither({ cluster, dbUrl, people }) {
  const all = [];
  for (const [n, person] of people.entries())
    all.push(
      ...(await signInAndPair(cluster.url, person, { indexOf: cluster.indexOf, from: `127.0.0.${30 + n}` })),
    );
  const by = (what) => new Set(all.filter((s) => s.what === what).map((s) => s.instance));
  const actions = all.filter((s) => s.what.endsWith("action"));
  // An action posted to the other instance than the one that rendered its form.
  const crossed = all.filter(
    (s, i) => s.what.endsWith("action") && all[i - 1].instance !== s.instance,
  ).length;
  const inv = await checkPairs(
    dbUrl,
    people.map((p) => ({ pair: p, ok: true })),
  );
  const problems = [];
  for (const what of ["sign-in action", "signed-in page", "add-student action"])
    if (by(what).size < 2) problems.push(`every ${what} went to one instance`);
  if (!crossed) problems.push("no action was run by another instance than the one that rendered its form");
  if (inv.lost || inv.half) problems.push(`links: ${JSON.stringify(inv)}`);
  const detail =
    `${people.length} people signed in and paired through the proxy: ${actions.length} server actions (sign-in, "Add student"), ` +
    `${crossed} of them run by the other instance than the one that rendered the form; sessions used on both instances; ${inv.linked} links`;
  if (problems.length) throw new Error(`${problems.join("; ")} — ${detail}`);
  return detail;
}
