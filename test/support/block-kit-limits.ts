/**
 * Block Kit limits as Slack enforces them (docs.slack.dev Block Kit reference, `@slack/types`; summarised in
 * shared/TESTING-PLATFORMS.md). The fake Slack refuses payloads that break them, as Slack would, so a renderer bug
 * fails a test here instead of a member's message. Written independently of `adapters/slack/render.ts` on purpose.
 */

type Json = Record<string, unknown>;

export type Surface = 'message' | 'modal' | 'home';

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

class Problems {
  readonly list: string[] = [];
  add(where: string, what: string): void {
    this.list.push(`${where}: ${what}`);
  }
  /** A text object: `plain_text` or `mrkdwn`, 1..max characters. */
  text(where: string, t: unknown, max: number, plainOnly = false): void {
    if (!isObj(t) || typeof t.text !== 'string') {
      this.add(where, 'missing text object');
      return;
    }
    if (t.type !== 'plain_text' && (plainOnly || t.type !== 'mrkdwn')) this.add(where, `bad text type ${t.type}`);
    if (t.text.length < 1) this.add(where, 'empty text');
    if (t.text.length > max) this.add(where, `text longer than ${max} (${t.text.length})`);
  }
  max(where: string, value: unknown, max: number, min = 0): void {
    if (typeof value !== 'string') {
      this.add(where, 'missing string');
      return;
    }
    if (value.length > max || value.length < min) this.add(where, `length ${value.length} outside ${min}..${max}`);
  }
}

/** Every problem Slack would report for these blocks on this surface; empty when Slack would accept them. */
export function blockKitProblems(blocks: unknown, surface: Surface): string[] {
  const p = new Problems();
  checkBlocks(p, blocks, surface);
  return p.list;
}

/** Problems of a whole view (`views.open` / `views.publish`). */
export function viewProblems(view: unknown): string[] {
  const p = new Problems();
  if (!isObj(view)) return ['view: missing'];
  const surface: Surface = view.type === 'home' ? 'home' : 'modal';
  if (view.type !== 'home' && view.type !== 'modal') p.add('view', `unknown type ${view.type}`);
  if (surface === 'modal') {
    p.text('view.title', view.title, 24, true);
    if (view.submit !== undefined) p.text('view.submit', view.submit, 24, true);
    if (view.close !== undefined) p.text('view.close', view.close, 24, true);
    const hasInput = arr(view.blocks).some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) p.add('view', 'a modal with input blocks needs submit');
  }
  if (view.callback_id !== undefined) p.max('view.callback_id', view.callback_id, 255);
  if (view.private_metadata !== undefined) p.max('view.private_metadata', view.private_metadata, 3000);
  checkBlocks(p, view.blocks, surface);
  return p.list;
}

function checkBlocks(p: Problems, blocks: unknown, surface: Surface): void {
  if (!Array.isArray(blocks)) {
    p.add('blocks', 'not an array');
    return;
  }
  const maxBlocks = surface === 'message' ? 50 : 100;
  if (blocks.length > maxBlocks) p.add('blocks', `${blocks.length} blocks (max ${maxBlocks})`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    const where = `blocks[${i}]`;
    if (!isObj(block)) {
      p.add(where, 'not an object');
      return;
    }
    if (block.block_id !== undefined) {
      p.max(`${where}.block_id`, block.block_id, 255, 1);
      if (blockIds.has(String(block.block_id))) p.add(where, `duplicate block_id ${block.block_id}`);
      blockIds.add(String(block.block_id));
    }
    checkBlock(p, where, block, surface, actionIds);
  }
}

function checkBlock(p: Problems, where: string, b: Json, surface: Surface, actionIds: Set<string>): void {
  switch (b.type) {
    case 'header':
      p.text(`${where}.text`, b.text, 150, true);
      return;
    case 'divider':
      return;
    case 'section': {
      if (b.text === undefined && b.fields === undefined) p.add(where, 'section needs text or fields');
      if (b.text !== undefined) p.text(`${where}.text`, b.text, 3000);
      const fields = arr(b.fields);
      if (fields.length > 10) p.add(where, `${fields.length} fields (max 10)`);
      for (const [j, f] of fields.entries()) p.text(`${where}.fields[${j}]`, f, 2000);
      if (b.accessory !== undefined) checkElement(p, `${where}.accessory`, b.accessory, actionIds);
      return;
    }
    case 'context': {
      const elements = arr(b.elements);
      if (elements.length < 1 || elements.length > 10) p.add(where, `${elements.length} context elements (1..10)`);
      for (const [j, e] of elements.entries()) p.text(`${where}.elements[${j}]`, e, 3000);
      return;
    }
    case 'actions': {
      const elements = arr(b.elements);
      if (elements.length < 1 || elements.length > 25) p.add(where, `${elements.length} actions elements (1..25)`);
      for (const [j, e] of elements.entries()) checkElement(p, `${where}.elements[${j}]`, e, actionIds);
      return;
    }
    case 'input':
      if (surface === 'message') p.add(where, 'input blocks are not allowed in messages');
      p.text(`${where}.label`, b.label, 2000, true);
      checkElement(p, `${where}.element`, b.element, actionIds);
      return;
    default:
      p.add(where, `unsupported block type ${b.type}`);
  }
}

function checkElement(p: Problems, where: string, e: unknown, actionIds: Set<string>): void {
  if (!isObj(e)) {
    p.add(where, 'not an object');
    return;
  }
  if (e.action_id !== undefined) {
    p.max(`${where}.action_id`, e.action_id, 255, 1);
    if (actionIds.has(String(e.action_id))) p.add(where, `duplicate action_id ${e.action_id}`);
    actionIds.add(String(e.action_id));
  }
  switch (e.type) {
    case 'button':
      p.text(`${where}.text`, e.text, 75, true);
      if (e.value !== undefined) p.max(`${where}.value`, e.value, 2000, 1);
      if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') p.add(where, `bad style ${e.style}`);
      return;
    case 'overflow': {
      const options = arr(e.options);
      if (options.length < 2 || options.length > 5) p.add(where, `${options.length} overflow options (2..5)`);
      for (const [j, o] of options.entries()) checkOption(p, `${where}.options[${j}]`, o);
      return;
    }
    case 'static_select': {
      const options = arr(e.options);
      if (options.length > 100) p.add(where, `${options.length} options (max 100)`);
      for (const [j, o] of options.entries()) checkOption(p, `${where}.options[${j}]`, o);
      return;
    }
    case 'plain_text_input':
      if (e.max_length !== undefined && (typeof e.max_length !== 'number' || e.max_length > 3000 || e.max_length < 1)) {
        p.add(where, `max_length ${e.max_length} outside 1..3000`);
      }
      if (e.placeholder !== undefined) p.text(`${where}.placeholder`, e.placeholder, 150, true);
      if (
        typeof e.initial_value === 'string' &&
        typeof e.max_length === 'number' &&
        e.initial_value.length > e.max_length
      ) {
        p.add(where, 'initial_value longer than max_length');
      }
      return;
    case 'datetimepicker':
      // initial_date_time is a UNIX timestamp in seconds (an integer).
      if (e.initial_date_time !== undefined && !Number.isInteger(e.initial_date_time)) {
        p.add(where, `initial_date_time ${e.initial_date_time} is not whole seconds`);
      }
      return;
    default:
      p.add(where, `unsupported element type ${e.type}`);
  }
}

function checkOption(p: Problems, where: string, o: unknown): void {
  if (!isObj(o)) {
    p.add(where, 'not an object');
    return;
  }
  p.text(`${where}.text`, o.text, 75, true);
  p.max(`${where}.value`, o.value, 150, 1);
}
