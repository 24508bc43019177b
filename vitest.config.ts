import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // e2e files each start real Bolt / discord.js clients against fakes on 127.0.0.1.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
