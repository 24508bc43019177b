/**
 * HTML built from templates that escape every interpolated value, so member text (names, meetup titles, skills)
 * can never become markup. Only `Html` values (built by `html` itself) are inserted as they are.
 */

/** A fragment of HTML that is safe to insert as is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and (quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function insert(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(insert).join('');
  return escapeHtml(String(value));
}

/** `html\`<p>${name}</p>\``: values are escaped, `Html` values and arrays of them are inserted. */
export function html(strings: TemplateStringsArray, ...values: readonly Value[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += insert(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Trusted markup written by Hallway itself (never member text). */
export function raw(text: string): Html {
  return new Html(text);
}
