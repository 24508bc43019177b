/**
 * The house rules of docs/architecture.md: arrows point inward. The core imports nothing outside itself; a feature
 * imports the core, the shared modules (skills, when) and other features only through their `index.ts`; SQL, the
 * query builder and the database drivers live only under `data/`; cron only in the scheduler.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const PLATFORM_AND_STORAGE = [
  '@slack/bolt',
  '@slack/web-api',
  '@slack/oauth',
  'discord.js',
  '@discordjs/rest',
  '@discordjs/ws',
  'better-sqlite3',
  'pg',
  'kysely',
  'node-cron',
  'hono',
  '@hono/node-server',
];

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

/** A relative import as a path from the repository root. */
function target(file: string, spec: string): string {
  return normalize(join(dirname(file), spec));
}

/** Modules every feature may import whole: the skill vocabulary and dates in words. */
const SHARED = ['skills', 'when'];

const isLibrary = (spec: string, libs: readonly string[]) => libs.some((l) => spec === l || spec.startsWith(`${l}/`));

describe('import boundaries', () => {
  it('src/core imports nothing outside src/core (only libraries with no platform or storage in them)', () => {
    const offenders = sources('src/core').flatMap((file) =>
      imports(file)
        .filter((spec) =>
          spec.startsWith('.') ? !target(file, spec).startsWith('src/core') : isLibrary(spec, PLATFORM_AND_STORAGE),
        )
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('a feature imports the core, the shared modules, and other features only through their index.ts', () => {
    const offenders = sources('commands').flatMap((file) => {
      const feature = relative('commands', file).split('/')[0]!;
      return imports(file)
        .filter((spec) => {
          if (isLibrary(spec, PLATFORM_AND_STORAGE)) return true;
          if (!spec.startsWith('.')) return false;
          const to = target(file, spec);
          if (to.endsWith('.json')) return !to.startsWith('data/skills/');
          if (!to.startsWith('commands/')) return true;
          const other = relative('commands', to).split('/')[0]!;
          return (
            other !== feature && !SHARED.includes(other) && to !== `commands/${other}/index.ts` && other !== 'index.ts'
          );
        })
        .map((spec) => `${file} → ${spec}`);
    });
    expect(offenders).toEqual([]);
  });

  it('a shared module imports the core and the other shared modules only: it names no feature', () => {
    const offenders = SHARED.flatMap((name) => sources(`commands/${name}`)).flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('.') && target(file, spec).startsWith('commands/'))
        .filter((spec) => !SHARED.includes(relative('commands', target(file, spec)).split('/')[0]!))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('SQL, the query builder and the drivers live only under data/', () => {
    const storage = ['better-sqlite3', 'pg', 'kysely'];
    const offenders = ['src', 'adapters', 'commands'].flatMap(sources).flatMap((file) =>
      imports(file)
        .filter((spec) => isLibrary(spec, storage))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only src/app/scheduler.ts imports node-cron', () => {
    const all = ['src', 'adapters', 'commands', 'data'].flatMap(sources);
    const users = all.filter((file) => imports(file).includes('node-cron'));
    expect(users).toEqual(['src/app/scheduler.ts']);
  });

  it('the core and the features never import adapters, data or the composition root', () => {
    const offenders = ['src/core', 'commands'].flatMap(sources).flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => /^(adapters|data|src\/app)\//.test(target(file, spec)) && !spec.endsWith('.json'))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('every feature keeps its storage port in its own folder (store.ts), none in the core', () => {
    const inCore = sources('src/core').filter((file) =>
      /meetup|feedback|matching|profile|intro|resource|mentor|presence|skill/i.test(file),
    );
    expect(inCore).toEqual([]);
  });
});
