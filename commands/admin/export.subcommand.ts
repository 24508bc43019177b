/**
 * `/hallway export`: the community's data for managers (data portability), as one JSON file or one CSV per table.
 * It holds what members were told others may see; private answers (scores, ratings, "was it helpful", avoid lists,
 * thank-yous, notes, declines) leave only as the aggregates members were promised. Each feature decides which of
 * its columns those are (its `exportData`); `test/hardening/export-privacy.test.ts` reads every exported column.
 */
import { z } from 'zod';
import { opt } from '#core/options.ts';
import type { ReplyFile } from '#core/reply.ts';
import { type Context, defineSubcommand } from './kit.ts';

type Row = Readonly<Record<string, unknown>>;
type Table = readonly Row[];

/** Instants are stored as epoch milliseconds: an export shows them as ISO 8601 (UTC), as spreadsheets read them. */
const INSTANT = /_(at|until)$/;

function readable(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      INSTANT.test(column) && typeof value === 'number' ? new Date(value).toISOString() : value,
    ]),
  );
}

export async function collectTables(ctx: Context): Promise<Record<string, Table>> {
  // Members still here, by what others see of them (no delivery flags, no personal zone).
  const members = (await ctx.core.members.listActive(ctx.community.id)).map((m) => ({
    user_id: m.userId,
    display_name: m.displayName,
    joined_at: m.joinedAt?.getTime() ?? null,
    first_seen_at: m.firstSeenAt.getTime(),
    last_active_at: m.lastActiveAt.getTime(),
  }));
  const tables: Record<string, Table> = { members, ...(await ctx.features.exportData()) };
  return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.map(readable)]));
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

/** One table as CSV: a header line, then one line per row (CRLF, as RFC 4180 and spreadsheets expect). */
export function toCsv(rows: Table): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = rows.map((r) => columns.map((c) => csvCell(r[c])).join(','));
  return `${[columns.join(','), ...lines].join('\r\n')}\r\n`;
}

function files(tables: Record<string, Table>, format: 'json' | 'csv', stamp: string): ReplyFile[] {
  if (format === 'json') {
    const content = JSON.stringify(tables, null, 2);
    return [{ name: `hallway-export-${stamp}.json`, content, mimeType: 'application/json' }];
  }
  return Object.entries(tables).map(([name, rows]) => ({
    name: `hallway-export-${stamp}-${name}.csv`,
    content: toCsv(rows),
    mimeType: 'text/csv',
  }));
}

export const exportSubcommand = defineSubcommand({
  description: "Export the community's data: one JSON file, or one CSV per table (managers)",
  examples: ['', 'format:csv'],
  admin: true,
  args: z.object({ format: opt.choice('File format', ['json', 'csv']).default('json') }),
  async run({ format }, ctx) {
    const tables = await collectTables(ctx);
    const stamp = ctx.now.toISOString().slice(0, 10);
    const counts = Object.entries(tables).map(([name, rows]) => `${name}: ${rows.length}`);
    const out = files(tables, format, stamp);
    const what = out.length === 1 ? 'one JSON file' : `${out.length} CSV files, one per table`;
    return { text: `Here is the community's data as ${what} (${counts.join(', ')}).`, files: out };
  },
});
