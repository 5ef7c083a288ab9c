import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      // lib/ modules import "server-only", which throws outside React Server Components.
      { find: /^server-only$/, replacement: path.resolve("tests/helpers/server-only-stub.ts") },
      { find: /^@\/(.*)$/, replacement: path.resolve("$1") },
    ],
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
