// Whether the demo data may be loaded (into an empty database). Its logins share the README's
// published password and one of them is a root admin, so a real deployment must never get it:
// it loads in embedded mode (no DATABASE_URL: a machine trying the app), or when asked for with
// DEMO_DATA=1. DEMO_DATA=0 keeps it out of an embedded database too. Anything else is an error,
// so a typo cannot quietly decide.
export function wantsDemoData(env) {
  const flag = (env.DEMO_DATA ?? "").trim();
  if (flag === "1") return true;
  if (flag === "0") return false;
  if (flag)
    throw new Error(`DEMO_DATA must be 1 (load the demo data) or 0 (do not); it is "${env.DEMO_DATA}".`);
  return !env.DATABASE_URL;
}

export const FIRST_ADMIN_HINT =
  "No school is set up yet. Create it and its first admin (prints a one-time link to choose a password):\n" +
  '  npm run --silent cli -- admin create --login <email> --account "<school name>"';
