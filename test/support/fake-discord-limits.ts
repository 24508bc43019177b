/**
 * The limits Discord enforces on what bots send (discord-api-docs; discord-api-types), so a payload Discord would
 * refuse fails a test here instead of in a member's server. Each check returns the problems as `path: message`.
 */

type Json = Record<string, unknown>;
type Problems = string[];

const len = (v: unknown) => (typeof v === 'string' ? Array.from(v).length : 0);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function text(p: Problems, path: string, v: unknown, min: number, max: number) {
  if (v === undefined || v === null) {
    if (min > 0) p.push(`${path}: required`);
    return;
  }
  if (typeof v !== 'string') return void p.push(`${path}: must be a string`);
  if (len(v) < min || len(v) > max) p.push(`${path}: length must be ${min}-${max}, got ${len(v)}`);
}

function embeds(p: Problems, list: Json[]) {
  if (list.length > 10) p.push('embeds: at most 10');
  let total = 0;
  list.forEach((e, i) => {
    const at = `embeds.${i}`;
    text(p, `${at}.title`, e['title'], 0, 256);
    text(p, `${at}.description`, e['description'], 0, 4096);
    const fields = arr(e['fields']);
    if (fields.length > 25) p.push(`${at}.fields: at most 25`);
    fields.forEach((f, j) => {
      text(p, `${at}.fields.${j}.name`, f['name'], 1, 256);
      text(p, `${at}.fields.${j}.value`, f['value'], 1, 1024);
      total += len(f['name']) + len(f['value']);
    });
    const footer = e['footer'] as Json | undefined;
    if (footer) text(p, `${at}.footer.text`, footer['text'], 1, 2048);
    total += len(e['title']) + len(e['description']) + len(footer?.['text']);
  });
  if (total > 6000) p.push(`embeds: ${total} characters in total, at most 6000`);
}

function components(p: Problems, rows: Json[]) {
  if (rows.length > 5) p.push('components: at most 5 action rows');
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (row['type'] !== 1) p.push(`components.${i}: must be an action row`);
    const items = arr(row['components']);
    if (items.length < 1 || items.length > 5) p.push(`components.${i}: 1-5 buttons a row`);
    for (const [j, b] of items.entries()) {
      const at = `components.${i}.components.${j}`;
      if (b['type'] !== 2) {
        p.push(`${at}: only buttons are expected`);
        continue;
      }
      text(p, `${at}.label`, b['label'], 0, 80);
      if (b['style'] !== 5) {
        text(p, `${at}.custom_id`, b['custom_id'], 1, 100);
        const id = String(b['custom_id']);
        if (ids.has(id)) p.push(`${at}.custom_id: duplicate ${id}`);
        ids.add(id);
      }
    }
  });
}

/** A message body (create, edit, interaction reply, follow-up). `edit` allows an empty body. */
export function checkMessage(body: Json, options: { edit?: boolean; files?: number } = {}): Problems {
  const p: Problems = [];
  text(p, 'content', body['content'], 0, 2000);
  embeds(p, arr(body['embeds']));
  components(p, arr(body['components']));
  const am = body['allowed_mentions'] as Json | undefined;
  if (am) {
    const parse = arr(am['parse']) as unknown as string[];
    if (parse.some((x) => !['users', 'roles', 'everyone'].includes(x))) p.push('allowed_mentions.parse: bad value');
    if (parse.includes('users') && arr(am['users']).length > 0) p.push('allowed_mentions: users conflicts parse');
    if (arr(am['users']).length > 100) p.push('allowed_mentions.users: at most 100');
  }
  const empty = !len(body['content']) && !arr(body['embeds']).length && !arr(body['components']).length;
  if (!options.edit && empty && !options.files) p.push('message: cannot send an empty message (50006)');
  return p;
}

/** An interaction's modal (callback type 9). */
export function checkModal(data: Json): Problems {
  const p: Problems = [];
  text(p, 'title', data['title'], 1, 45);
  text(p, 'custom_id', data['custom_id'], 1, 100);
  const rows = arr(data['components']);
  if (rows.length < 1 || rows.length > 5) p.push('components: 1-5 text inputs');
  const ids = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const input = arr(row['components'])[0] ?? {};
    const at = `components.${i}.components.0`;
    if (row['type'] !== 1 || arr(row['components']).length !== 1 || input['type'] !== 4) {
      p.push(`components.${i}: one text input per row`);
      continue;
    }
    text(p, `${at}.custom_id`, input['custom_id'], 1, 100);
    text(p, `${at}.label`, input['label'], 1, 45);
    text(p, `${at}.placeholder`, input['placeholder'], 0, 100);
    text(p, `${at}.value`, input['value'], 0, 4000);
    const max = input['max_length'];
    if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 4000)) p.push(`${at}.max_length: 1-4000`);
    if (input['style'] !== 1 && input['style'] !== 2) p.push(`${at}.style: 1 or 2`);
    if (ids.has(String(input['custom_id']))) p.push(`${at}.custom_id: duplicate`);
    ids.add(String(input['custom_id']));
  }
  return p;
}

/** Autocomplete choices (callback type 8). */
export function checkChoices(data: Json): Problems {
  const p: Problems = [];
  const choices = arr(data['choices']);
  if (choices.length > 25) p.push('choices: at most 25');
  choices.forEach((c, i) => {
    text(p, `choices.${i}.name`, c['name'], 1, 100);
    if (typeof c['value'] === 'string') text(p, `choices.${i}.value`, c['value'], 1, 100);
  });
  return p;
}

const NAME = /^[-_'\p{L}\p{N}]{1,32}$/u;

function commandOptions(p: Problems, at: string, options: Json[]) {
  if (options.length > 25) p.push(`${at}.options: at most 25`);
  let optionalSeen = false;
  options.forEach((o, i) => {
    const here = `${at}.options.${i}`;
    const name = String(o['name']);
    if (!NAME.test(name) || name !== name.toLowerCase()) p.push(`${here}.name: invalid "${name}"`);
    text(p, `${here}.description`, o['description'], 1, 100);
    if (o['type'] === 1 || o['type'] === 2) {
      commandOptions(p, here, arr(o['options']));
      return;
    }
    if (o['required'] && optionalSeen) p.push(`${here}: required options must come before optional ones`);
    if (!o['required']) optionalSeen = true;
    const choices = arr(o['choices']);
    if (choices.length > 25) p.push(`${here}.choices: at most 25`);
    if (choices.length > 0 && o['autocomplete']) p.push(`${here}: autocomplete cannot have choices`);
    choices.forEach((c, j) => {
      text(p, `${here}.choices.${j}.name`, c['name'], 1, 100);
    });
  });
}

/** A bulk overwrite of application commands (PUT). */
export function checkCommands(body: unknown): Problems {
  const p: Problems = [];
  const list = arr(body);
  if (!Array.isArray(body)) return ['body: must be an array'];
  if (list.length > 100) p.push('at most 100 chat-input commands');
  list.forEach((c, i) => {
    const name = String(c['name']);
    if (!NAME.test(name) || name !== name.toLowerCase()) p.push(`${i}.name: invalid "${name}"`);
    text(p, `${i}.description`, c['description'], 1, 100);
    commandOptions(p, String(i), arr(c['options']));
    if (JSON.stringify(c).length > 8000) p.push(`${i}: over 8000 characters`);
  });
  return p;
}

/** Discord's refusal: HTTP 400 with code 50035 and the problems by path. */
export function invalidFormBody(problems: Problems) {
  const errors: Record<string, unknown> = {};
  for (const problem of problems) {
    const [path = '', message = problem] = problem.split(': ');
    errors[path] = { _errors: [{ code: 'BASE_TYPE_INVALID', message }] };
  }
  return { code: 50035, message: 'Invalid Form Body', errors };
}
