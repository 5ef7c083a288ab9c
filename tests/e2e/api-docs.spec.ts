import { expect, test } from "@playwright/test";
import { checkPage } from "./axe";

// Scalar's page is large: axe checks it four times (two widths, menu closed and open).
test.describe.configure({ timeout: 180_000 });

test("the API reference renders from /api/v1/openapi.json without any CDN, passes axe and loads only the chunks it needs", async ({
  page,
}) => {
  const external: string[] = [];
  const scripts: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol.startsWith("http"))
      external.push(r.url());
    if (r.resourceType() === "script") scripts.push(url.pathname);
  });
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "Observer Pairing API", level: 1 })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText("List observees").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Show an observee/ })).toBeVisible();
  expect(external).toEqual([]);
  // The single-file bundle (4.3 MB) is never loaded; the module entry and its chunks are.
  expect(scripts).toContain("/scalar/standalone.esm.js");
  expect(scripts).not.toContain("/scalar/standalone.js");
  const sizes = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => e.name.includes("/scalar/"))
      .map((e) => (e as PerformanceResourceTiming).decodedBodySize),
  );
  expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(3_000_000);
  await checkPage(page, "api-docs");
  // On a phone the navigation is a menu: open it and check again.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: /menu/i }).first().click();
  await expect(page.getByRole("link", { name: /Show an observee/ })).toBeVisible();
  await checkPage(page, "api-docs-menu");
});
