// bench:import's table and verdicts. Every run handles the same families, so families/s (families
// ÷ seconds) is the unit the ratios compare; rows/s counts each run's own rows (the engine's input
// rows, the database rows COPY writes, the API automation's requests).
import { expected } from "./bench-import-data.mjs";

const n = (x, digits = 0) =>
  x.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function report({ families, copyAll, copyDomain, roster, canvas, api }) {
  const apiSeconds = api ? (api.seconds * families) / api.families : null;
  const apiRequests = api ? (api.requests * families) / api.families : null;
  console.log(
    `\n${n(families)} families, ${n(expected(families).guardians)} guardians; ` +
      `the engine's peak RSS is its own process's (process.resourceUsage().maxRSS)\n`,
  );
  console.log("| run | rows | seconds | rows/s | families/s | peak RSS |\n|---|---:|---:|---:|---:|---:|");
  const line = (name, rows, seconds, rss = "—") =>
    console.log(
      `| ${name} | ${n(rows)} | ${n(seconds, 1)} | ${n(rows / seconds)} | ${n(families / seconds)} | ${rss} |`,
    );
  line("COPY of every row the roster import wrote, best of 2 (baseline)", copyAll.rows, copyAll.seconds);
  line("COPY of its guardians, logins, links and enrollments only", copyDomain.rows, copyDomain.seconds);
  line("family roster → import engine", roster.rows, roster.seconds, `${n(roster.peakRssMB)} MB`);
  line(
    "Canvas users.csv + user_observers.csv → import engine",
    canvas.rows,
    canvas.seconds,
    `${n(canvas.peakRssMB)} MB`,
  );
  if (api)
    line(
      `API automation (5 requests/family), ${n(api.families)}-family sample extrapolated (baseline)`,
      apiRequests,
      apiSeconds,
    );

  console.log("");
  const check = (label, value, goal, ok) =>
    console.log(`${label}: ${value} — goal ${goal} ${ok ? "✔" : "✖"}`);
  for (const [name, r] of [
    ["family roster", roster],
    ["Canvas CSVs", canvas],
  ]) {
    const vsCopy = copyAll.seconds / r.seconds;
    check(`${name} ÷ COPY of the same rows`, `${vsCopy.toFixed(2)}×`, "≥ 0.25×", vsCopy >= 0.25);
    console.log(
      `  (÷ COPY of the guardians, logins, links and enrollments alone: ${(copyDomain.seconds / r.seconds).toFixed(2)}×)`,
    );
    if (api) {
      const vsApi = apiSeconds / r.seconds;
      check(`${name} ÷ API automation`, `${n(vsApi)}×`, "≥ 100×", vsApi >= 100);
    }
    check(`${name} peak RSS`, `${n(r.peakRssMB)} MB`, "< 500 MB", r.peakRssMB < 500);
  }
  if (!api) console.log("API automation: skipped (BENCH_SKIP_API=1)");
  else if (api.fallbackNote) console.log(`API automation note: ${api.fallbackNote}`);
}
