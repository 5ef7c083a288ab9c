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
    // One file at a time: the files share one database and one outbox, and a file that delivers
    // mail over SMTP (mail.test.ts) would otherwise send, and so issue links for, another file's
    // waiting emails (security-setup-links.test.ts expects its own to stay unsent).
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
