import { defineConfig } from 'vitest/config';

/** Suites that touch a database run twice: on SQLite and on PostgreSQL (started once per run by the setup). */
const BOTH_DATABASES = [
  'test/core/**/*.test.ts',
  'test/hardening/**/*.test.ts',
  'test/e2e/**/*.test.ts',
  'test/data/**/*.test.ts',
];

const shared = {
  // e2e files each start real Bolt / discord.js clients against fakes on 127.0.0.1.
  testTimeout: 20_000,
  hookTimeout: 30_000,
  pool: 'forks' as const,
  setupFiles: ['test/support/setup-each-file.ts'],
};

export default defineConfig({
  resolve: { conditions: ['hallway-source'] },
  ssr: { resolve: { conditions: ['hallway-source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: { ...shared, name: 'sqlite', include: ['test/**/*.test.ts'], env: { HALLWAY_TEST_DB: 'sqlite' } },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'postgres',
          include: BOTH_DATABASES,
          env: { HALLWAY_TEST_DB: 'postgres' },
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
