// bench:import's end-to-end path: the family roster uploaded as Canvas clients do (the raw file,
// `--data-binary` style, to POST /api/v1/accounts/self/sis_imports) to the production server
// (scripts/serve.mjs, one process that also runs the job worker, as `npm start` does with
// WEB_CONCURRENCY=1), polled with GET …/sis_imports/:id until it ends. Twice, as a diffed data set:
// the whole file, then the same families with 1 % changed (each hundredth family gets another
// guardian: a removal and a new link each). The serving process's peak RSS is its VmHWM.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { freshCopy, verify } from "./bench-import-db.mjs";
import { freePort } from "./embedded-db.mjs";
import { serveNode, waitForHttp } from "./harness.mjs";
import { ROOT } from "./local-env.mjs";

const DONE = new Set(["imported", "imported_with_messages", "failed", "failed_with_messages", "aborted"]);
const DATA_SET = "bench-roster";

/** A process's peak resident set (Linux's VmHWM), in MB. */
function peakRssMB(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The roster with every hundredth family's guardian replaced: 1 % of the pairs change. */
export function writeChangedRoster(file, out) {
  const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
  let changed = 0;
  for (let i = 1; i < lines.length; i += 100) {
    const [student, , , , relationship] = lines[i].split(",");
    lines[i] = `${student},changed-${i}@home.example,Changed Guardian ${i},CG${i},${relationship}`;
    changed++;
  }
  fs.writeFileSync(out, lines.join("\n") + "\n");
  return { file: out, changed };
}

/** Uploads `file` and waits for the import to end; seconds from the first byte sent to `imported`. */
async function uploadAndWait(base, token, file) {
  const auth = { authorization: `Bearer ${token}` };
  const started = performance.now();
  const res = await fetch(
    `${base}/api/v1/accounts/self/sis_imports?import_type=family_roster&extension=csv&diffing_data_set_identifier=${DATA_SET}`,
    {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: Readable.toWeb(fs.createReadStream(file)),
      duplex: "half",
    },
  );
  if (res.status !== 200) throw new Error(`the upload answered ${res.status}: ${await res.text()}`);
  const { id } = await res.json();
  const uploadSeconds = (performance.now() - started) / 1000;
  for (;;) {
    const r = await fetch(`${base}/api/v1/accounts/self/sis_imports/${id}`, { headers: auth });
    const imp = await r.json();
    if (DONE.has(imp.workflow_state)) {
      if (!imp.workflow_state.startsWith("imported"))
        throw new Error(`import ${id} ended ${imp.workflow_state}: ${JSON.stringify(imp.processing_errors)}`);
      return { id, seconds: (performance.now() - started) / 1000, uploadSeconds, counts: imp.data.counts };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const n = (x, digits = 0) =>
  x.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The roster through the REST API and the job worker, then its 1 %-changed snapshot, on a fresh copy of `template`. */
export async function e2eRun({ template, seed, roster, dir, families, secrets }) {
  const db = await freshCopy(template, "bench_e2e");
  const changed = writeChangedRoster(roster, path.join(dir, "families-1pct-changed.csv"));
  const r = await endToEnd({
    dbUrl: db.url,
    env: { ...process.env, ...secrets },
    token: seed.adminToken,
    roster,
    changedRoster: changed.file,
    between: () => verify(db.url, families, "end to end"),
  });
  await db.drop();
  const line = (name, x) =>
    `  ${name} ${n(x.seconds, 1)} s (upload answered after ${n(x.uploadSeconds, 1)} s) — ${JSON.stringify(x.counts)}`;
  console.log(line("first import", r.first));
  console.log(line(`diffed re-import, ${n(changed.changed)} families changed:`, r.diffed));
  console.log(`  server peak RSS ${n(r.peakRssMB)} MB (${n(r.loadedRssMB)} MB once serving)`);
  return { ...r, changed: changed.changed };
}

/**
 * Both imports against a server on `dbUrl`; `between` runs after the first (outside the timings).
 * Returns each import's seconds and counts, and the server's peak RSS.
 */
export async function endToEnd({ dbUrl, env, token, roster, changedRoster, between }) {
  const port = await freePort();
  const app = serveNode([path.join(ROOT, "scripts/serve.mjs"), String(port)], {
    ...env,
    DATABASE_URL: dbUrl,
    NODE_ENV: "production",
    WEB_CONCURRENCY: "1",
    JOB_WORKER: "on",
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/login`, app);
  const loadedRssMB = peakRssMB(app.pid);
  const first = await uploadAndWait(base, token, roster);
  await between?.();
  const diffed = await uploadAndWait(base, token, changedRoster);
  const rssMB = peakRssMB(app.pid);
  app.kill("SIGTERM");
  return { first, diffed, peakRssMB: rssMB, loadedRssMB };
}
