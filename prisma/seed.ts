// Loads the demo data into an empty database — only where it may be (scripts/lib/demo-data.mjs:
// embedded mode, or DEMO_DATA=1). Run by `npm start`, which passes its decision as DEMO_DATA;
// `npm run db:seed` by hand. Otherwise it says how to create the first admin, and warns when a
// database still holds demo logins taking the published password.
import "../scripts/lib/dotenv.mjs";
import { DEMO_PASSWORD, isDatabaseEmpty, openDemoLogins, seedDemo } from "../lib/imports/demo-seed.ts";
import { db } from "../lib/platform/db.ts";
// @ts-expect-error plain ESM helper shared with scripts/start.mjs
import { FIRST_ADMIN_HINT, wantsDemoData } from "../scripts/lib/demo-data.mjs";

async function main() {
  if (!wantsDemoData(process.env)) {
    if (await isDatabaseEmpty()) console.log(FIRST_ADMIN_HINT);
    const open = await openDemoLogins();
    if (open.length > 0)
      console.warn(
        `\n⚠ This database has demo logins that take the published password "${DEMO_PASSWORD}": ${open.join(", ")}.\n` +
          "  Anyone can sign in as them. Delete them or give them new passwords (or set DEMO_DATA=1 if this is a demo).\n",
      );
    return;
  }
  if (!(await isDatabaseEmpty())) {
    console.log("The database already has data: the demo seed was not loaded.");
    return;
  }
  await seedDemo();
  console.log("Demo data loaded.");
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
