import { test, expect } from "./fixtures.ts";
import { defaultRootAccount, makeStudent, uid } from "../helpers/factory.ts";
import { signIn } from "./helpers.ts";

// The nonce-based Content-Security-Policy (proxy.ts): pages, their scripts and the QR image work
// under it, the API reference works under its own, and nothing is blocked.
test("pages run under a strict, per-request nonce policy with nothing blocked", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
  });
  const first = await page.goto("/login");
  const csp = first?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  // Plain http here: no HSTS (it is sent only over https).
  expect(first?.headers()["strict-transport-security"]).toBeUndefined();
  const nonce = csp.match(/'nonce-([^']+)'/)![1];
  // Every script the server wrote carries this request's nonce (chunks Next's router loads later,
  // for the links it prefetches, are added by those scripts: 'strict-dynamic' trusts them).
  const tags = [...(await first!.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((t) => !t.includes(`nonce="${nonce}"`))).toEqual([]);
  const again = await page.goto("/login");
  expect(again?.headers()["content-security-policy"]).not.toContain(nonce);

  // A page that needs its scripts: signing in, making a code, its QR image.
  const account = await defaultRootAccount();
  const student = await makeStudent(account.id, { name: `Csp ${uid()}` });
  await signIn(page, student.login);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Pair with Observer" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();

  await page.goto("/api/docs");
  await expect(page.getByText("List observees").first()).toBeVisible({ timeout: 30_000 });
  expect(blocked).toEqual([]);
});

test("the JSON API answers under a policy that lets nothing load or run, with no nonce, HSTS over https", async ({
  request,
}) => {
  const res = await request.get("/api/v1/users/self", { headers: { "x-forwarded-proto": "https" } });
  expect(res.status()).toBe(401);
  expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(res.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  // A host no school has is still refused before any route runs.
  const forged = await request.get("/api/v1/users/self", { headers: { host: "attacker.example" } });
  expect(forged.status()).toBe(421);
});

test("HSTS when the request came over https (as the proxy in front says)", async ({ request }) => {
  const res = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(res.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(res.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("an /api path no route serves answers Canvas's JSON 404 for every method, not the app's page", async ({
  request,
}) => {
  for (const [method, path] of [
    ["GET", "/api/v1/nothing/here"],
    ["POST", "/api/v1/users/self/nothing"],
    ["DELETE", "/api/v2/users/self/observees"],
  ]) {
    const res = await request.fetch(path, { method });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect(await res.json()).toEqual({ errors: [{ message: "The specified resource does not exist." }] });
  }
  // A page path that does not exist still gets the app's styled 404 page.
  const page = await request.get("/no-such-page");
  expect(page.status()).toBe(404);
  expect(page.headers()["content-type"]).toContain("text/html");
});
