import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tests sit outside tsconfig.json's `include`, so its JSX settings are not picked up for them: say it here too.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    setupFiles: ["tests/helpers/setup.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Test files share nock's global interceptors: run them one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
