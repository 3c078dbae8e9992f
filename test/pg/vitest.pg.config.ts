import { join } from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The PostgreSQL suites on their own, until the `unit` project of
 * vitest.config.ts includes them (add "test/pg/**\/*.test.ts" to its include;
 * src/server/store/postgres.test.ts is already matched by "src/**\/*.test.ts").
 * Each file starts its own embedded PostgreSQL (about a second).
 */
export default defineConfig({
  root: join(import.meta.dirname, "..", ".."),
  test: {
    include: ["test/pg/**/*.test.ts", "src/server/store/postgres*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
