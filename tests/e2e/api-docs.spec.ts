import { expect, test } from "@playwright/test";

test("the API reference renders from /api/v1/openapi.json without any CDN", async ({ page }) => {
  const external: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol.startsWith("http"))
      external.push(r.url());
  });
  await page.goto("/api/docs");
  await expect(page.getByText("Observer Pairing API").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("List observees").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Show an observee/ })).toBeVisible();
  expect(external).toEqual([]);
});
