/** `/hallway export`: the community's data as JSON or CSV, for managers (data portability). */
import { z } from 'zod';
import { type Context, defineSubcommand } from './kit.ts';
import { opt } from '#core/options.ts';

type Table = readonly Record<string, unknown>[];

export async function collectTables(ctx: Context): Promise<Record<string, Table>> {
  const members = (await ctx.core.members.listActive(ctx.community.id)).map((m) => ({ ...m }));
  return { members, ...(await ctx.features.exportData()) };
}

function csvCell(value: unknown): string {
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value ?? '');
  // A leading = + - @ would be run as a formula by spreadsheet apps: prefix it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(tables: Record<string, Table>): string {
  return Object.entries(tables)
    .map(([name, rows]) => {
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      const lines = rows.map((r) => columns.map((c) => csvCell(r[c])).join(','));
      return [`# ${name}`, columns.join(','), ...lines].join('\n');
    })
    .join('\n\n');
}

export const exportSubcommand = defineSubcommand({
  description: "Export the community's data as JSON or CSV (managers)",
  examples: ['', 'format:csv'],
  admin: true,
  args: z.object({ format: opt.choice('File format', ['json', 'csv']).default('json') }),
  async run({ format }, ctx) {
    const tables = await collectTables(ctx);
    const stamp = ctx.now.toISOString().slice(0, 10);
    const counts = Object.entries(tables).map(([name, rows]) => `${name}: ${rows.length}`);
    const file =
      format === 'csv'
        ? { name: `hallway-export-${stamp}.csv`, content: toCsv(tables), mimeType: 'text/csv' }
        : {
            name: `hallway-export-${stamp}.json`,
            content: JSON.stringify(tables, null, 2),
            mimeType: 'application/json',
          };
    return { text: `Here is the community's data (${counts.join(', ')}).`, file };
  },
});
