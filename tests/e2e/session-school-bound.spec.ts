import { test, expect } from "./fixtures.ts";
import { createRootAccount } from "../../lib/accounts/provisioning.ts";
import { defaultRootAccount, makeUser, uid } from "../helpers/factory.ts";
import { signIn } from "./helpers.ts";

// A session is a credential at the school it was signed in at only (issue 10, item 9).
test("a session signed in at one school is anonymous on another school's host", async ({ page }) => {
  const home = await defaultRootAccount();
  const other = `elsewhere-${uid()}.test`;
  await createRootAccount({ name: `Elsewhere ${uid()}`, domain: other });
  const user = await makeUser(home.id, { name: `Home User ${uid()}` });
  await signIn(page, user.login);
  const request = page.context().request;
  const port = new URL(page.url()).port;
  const atHome = await request.get("/settings", { maxRedirects: 0 });
  expect(atHome.status()).toBe(200);
  const away = await request.get("/settings", { maxRedirects: 0, headers: { host: `${other}:${port}` } });
  expect(away.status()).toBeGreaterThanOrEqual(300);
  expect(away.status()).toBeLessThan(400);
  expect(away.headers()["location"]).toContain("/login");
});
