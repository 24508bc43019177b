/** The house rule of ARCHITECTURE.md: the core and the commands never touch a platform, the database or cron. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = ['@slack/bolt', '@slack/web-api', 'discord.js', '@discordjs/rest', 'better-sqlite3', 'node-cron'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('import boundaries', () => {
  for (const root of ['src/core', 'commands']) {
    it(`${root} imports no platform, database or cron library`, () => {
      const offenders = sources(root).flatMap((file) =>
        imports(file)
          .filter((spec) => FORBIDDEN.some((lib) => spec === lib || spec.startsWith(`${lib}/`)))
          .map((spec) => `${file} → ${spec}`),
      );
      expect(offenders).toEqual([]);
    });
  }

  it('only src/runtime/scheduler.ts imports node-cron', () => {
    const all = ['src', 'adapters', 'commands', 'data'].flatMap(sources);
    const users = all.filter((file) => imports(file).includes('node-cron'));
    expect(users).toEqual(['src/runtime/scheduler.ts']);
  });

  it('the core and commands never import adapters or data', () => {
    const offenders = ['src/core', 'commands'].flatMap(sources).flatMap((file) =>
      imports(file)
        .filter((spec) => /(^|\/)(adapters|data)\//.test(spec) && !spec.endsWith('.json'))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
