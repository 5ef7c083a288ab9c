// The adversarial suite (`npm run test:adversarial`, scripts/lib/adversarial.mjs): tests/adversarial
// against a running `next start` (BASE_URL) and its database (DATABASE_URL). Files run one at a time
// (they load the same server and some restart its database), alphabetically, with the files under
// tests/adversarial/after-suite/ last: they check what the whole suite left behind.
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

class AdversarialSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const last = (f: TestSpecification) => (f.moduleId.includes("/after-suite/") ? 1 : 0);
    return [...files].sort((a, b) => last(a) - last(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

// Not mergeConfig: it would concatenate `include` with the unit and integration tests'.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["tests/adversarial/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    sequence: { sequencer: AdversarialSequencer },
    // Vite would otherwise set BASE_URL to its own base path ("/") in the tests' process.env.
    env: { BASE_URL: process.env.BASE_URL ?? "" },
  },
});
