import { randomInt } from "node:crypto";
import { test as base, expect } from "@playwright/test";

/**
 * Every test comes from its own client IP (the test server trusts x-test-client-ip), so the
 * per-IP throttles of sign-in and code guessing never couple tests that run in parallel.
 */
export const test = base.extend({
  extraHTTPHeaders: async ({}, use) => {
    await use({ "x-test-client-ip": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` });
  },
});
export { expect };
