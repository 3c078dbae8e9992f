import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (pure logic, property tests, Dexie on fake-indexeddb, the
 * API tests against a real server process and SQLite file, the multi-device
 * simulation) and `e2e` (real Chromium against the production build and the
 * real server). `npm test` runs them in that order, with the build between.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "src/**/*.test.ts",
            "src/**/*.test.tsx",
            "test/api/**/*.test.ts",
            "test/sim/**/*.test.ts",
            "test/pg/**/*.test.ts",
          ],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.spec.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
