import { test, expect } from "./fixtures.ts";

// Canvas answers every /api/v1 path with `.json` appended (issue 17): the same handler, not a 404.
test("API paths answer with a .json suffix; /api/v1/openapi.json is still the document", async ({
  request,
}) => {
  for (const [method, path] of [
    ["GET", "/api/v1/users/self"],
    ["POST", "/api/v1/accounts/self/sis_imports"],
    ["GET", "/api/v1/users/self/observees"],
  ]) {
    const plain = await request.fetch(path, { method });
    const suffixed = await request.fetch(`${path}.json`, { method });
    expect.soft(suffixed.status(), `${method} ${path}.json`).toBe(plain.status());
    expect.soft(await suffixed.json()).toEqual(await plain.json());
    expect.soft(plain.status()).toBe(401);
  }
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBeTruthy();
});
