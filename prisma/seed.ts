// Loads the demo data into an empty database (run by `npm start`; `npm run db:seed` by hand).
import { isDatabaseEmpty, seedDemo } from "../lib/demo-seed.ts";
import { db } from "../lib/db.ts";

async function main() {
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
