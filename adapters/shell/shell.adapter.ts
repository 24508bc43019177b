/**
 * The shell adapter: try Hallway in a terminal with no tokens. Lines are slash commands typed as a member
 * (`/as mia` switches who you are), `:click N` presses a button, forms are asked field by field. DMs and channel
 * posts are printed as they are delivered. Works with piped input and ends cleanly at end of input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommunityId } from '#core/ids.ts';
import type { Actor, Dispatch } from '#core/inbound.ts';
import type { ChatPlatform, SentMessage } from '#core/ports/chat-platform.ts';
import type { Button, Form, FormField, Reply, ReplyFile } from '#core/reply.ts';
import { renderShell } from './render.ts';
import { parseShellLine, type ShellLine, shellActor } from './to-inbound.ts';

type ShellDirective = Extract<ShellLine, { kind: 'directive' }>['name'];

export interface ShellOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly community: CommunityId;
  /** ANSI styling (a TTY). */
  readonly color: boolean;
  /** Runs after each line, e.g. drain the outbox so DMs print right after the command that caused them. */
  readonly afterEach: () => Promise<void>;
  /** `:tick`: run the jobs that are due now. */
  readonly tick: () => Promise<void>;
  /** `:wait 3d`: move the app's clock forward, then run what became due. */
  readonly wait: (ms: number) => Promise<void>;
  /** `:time`: the app's time, in the community's zone. */
  readonly time: () => Promise<string>;
  /** `:who`: the community's members (everyone Hallway knows here, not only who typed in this session). */
  readonly members: () => Promise<readonly { readonly userId: string; readonly displayName: string }[]>;
  /** `:demo`: load the creative-loft demo community. */
  readonly loadDemo: (dispatch: Dispatch, community: CommunityId) => Promise<string>;
  /** Shown once at start (e.g. the demo offer on a fresh database). */
  readonly greeting: string | (() => Promise<string>);
  /** Where files a reply hands over (.ics, exports) are saved; the shell prints each one's path. */
  readonly filesDir: string;
}

const HELP = `Shell commands:
  /<command> …     a Hallway command as the current member, e.g. /skills offer photography
  /as <name>        become another member (host is the community manager)
  :click N          press button N
  :join <name>      a new member joins     :leave <name>   a member leaves
  :who              the community's members
  :tick             run the jobs due now   :time           what time it is for Hallway
  :wait 3d          move time forward (m, h, d, w) and run what became due, e.g. follow-ups
  :demo             load the creative-loft demo community
  :quit             leave (end of input works too)`;

export class ShellPlatform implements ChatPlatform {
  readonly platform = 'shell' as const;
  private actor: Actor;
  private readonly buttons = new Map<number, Button>();
  private readonly names = new Map<string, string>();
  private nextButton = 1;
  /** The prompt while waiting for a line: a delivery arriving then prints on its own lines and shows it again. */
  private prompt?: string;
  private messageCount = 0;
  private done?: Promise<void>;
  private reader?: ReturnType<typeof createInterface>;

  constructor(private readonly options: ShellOptions) {
    this.actor = this.actorFor('host');
  }

  /** Resolves when input ends or `:quit` is typed. */
  get finished(): Promise<void> {
    return this.done ?? Promise.resolve();
  }

  async start(dispatch: Dispatch): Promise<void> {
    const { greeting } = this.options;
    this.print(typeof greeting === 'string' ? greeting : await greeting());
    this.done = this.loop(dispatch);
  }

  /** Stops reading input (shutdown): no command is taken once the app is stopping. */
  async stop(): Promise<void> {
    this.reader?.close();
  }

  async postMessage(_community: CommunityId, channelId: string, reply: Reply): Promise<SentMessage> {
    const thread = reply.thread && `\n  ↳ thread "${reply.thread.name}": ${this.render({ text: reply.thread.opener })}`;
    this.deliver(`── #${channelId} ──\n${this.render(reply)}${thread ?? ''}`);
    return { channelId, messageId: String(++this.messageCount) };
  }

  async sendDirectMessage(_community: CommunityId, userIds: readonly string[], reply: Reply): Promise<SentMessage> {
    const to = userIds.map((id) => `@${this.nameOf(id)}`).join(', ');
    this.deliver(`── DM to ${to} ──\n${this.render(reply)}`);
    return { channelId: `dm:${userIds.join(',')}`, messageId: String(++this.messageCount) };
  }

  async updateMessage(_community: CommunityId, sent: SentMessage, reply: Reply): Promise<void> {
    this.deliver(`── #${sent.channelId} (updated) ──\n${this.render(reply)}`);
  }

  private async loop(dispatch: Dispatch): Promise<void> {
    const rl = createInterface({ input: this.options.input, terminal: false });
    this.reader = rl;
    const lines = rl[Symbol.asyncIterator]();
    const next = async () => {
      this.prompt = `${this.actor.displayName}> `;
      this.options.output.write(this.prompt);
      const r = await lines.next();
      this.prompt = undefined;
      if (r.done) return undefined;
      if (!this.options.color) this.options.output.write(`${r.value}\n`);
      return r.value;
    };
    for (let line = await next(); line !== undefined; line = await next()) {
      const keepGoing = await this.handle(line, dispatch, next);
      await this.options.afterEach();
      if (!keepGoing) break;
    }
    rl.close();
    this.options.output.write('\nBye!\n');
  }

  private async handle(line: string, dispatch: Dispatch, next: () => Promise<string | undefined>): Promise<boolean> {
    const parsed = parseShellLine(line, this.actor, 'general');
    switch (parsed.kind) {
      case 'empty':
        return true;
      case 'error':
        this.print(parsed.message);
        return true;
      case 'as':
        this.actor = this.actorFor(parsed.userId);
        this.print(`You are now ${this.actor.displayName}${this.actor.isPlatformAdmin ? ' (community manager)' : ''}.`);
        return true;
      case 'join':
      case 'leave': {
        const actor = this.actorFor(parsed.userId);
        const joined = parsed.kind === 'join';
        const reply = await dispatch({ kind: joined ? 'member_joined' : 'member_left', actor });
        this.print(`${actor.displayName} ${joined ? 'joined' : 'left'} the community.`);
        await this.show(reply, dispatch, next);
        return true;
      }
      case 'wait':
        await this.options.wait(parsed.ms);
        this.print(`It is now ${await this.options.time()}.`);
        return true;
      case 'click':
        return this.click(parsed.index, dispatch, next);
      case 'directive':
        return this.directive(parsed.name, dispatch);
      case 'event':
        await this.show(await dispatch(parsed.event), dispatch, next);
        return true;
    }
  }

  private async click(index: number, dispatch: Dispatch, next: () => Promise<string | undefined>): Promise<boolean> {
    const button = this.buttons.get(index);
    if (!button) {
      this.print(`There is no button ${index}.`);
      return true;
    }
    const reply = await dispatch({
      kind: 'action',
      actor: this.actor,
      channelId: 'general',
      action: button.action,
      value: button.value,
    });
    await this.show(reply, dispatch, next);
    return true;
  }

  private async directive(name: ShellDirective, dispatch: Dispatch): Promise<boolean> {
    if (name === 'quit') return false;
    if (name === 'help') this.print(HELP);
    if (name === 'who') await this.who();
    if (name === 'time') this.print(`It is ${await this.options.time()}.`);
    if (name === 'tick') await this.options.tick();
    if (name === 'demo') this.print(await this.options.loadDemo(dispatch, this.options.community));
    return true;
  }

  private async who(): Promise<void> {
    const members = await this.options.members();
    for (const m of members) if (!this.names.has(m.userId)) this.names.set(m.userId, m.displayName);
    const lines = members.map((m) => `@${m.displayName} (${m.userId})`);
    this.print(lines.length ? lines.join('\n') : 'Nobody yet. Try :join zoe, or :demo.');
  }

  /** Prints a reply; a form is asked field by field, then submitted. */
  private async show(reply: Reply | undefined, dispatch: Dispatch, next: () => Promise<string | undefined>) {
    if (!reply) return;
    if (reply.text || reply.sections) this.print(this.render(reply));
    if (reply.form) await this.fillForm(reply.form, dispatch, next);
  }

  /**
   * Asks a form field by field, then submits it. A refused answer is asked again with the reason, and everything
   * else stays as typed; `:cancel` at any question drops the form (nothing is saved).
   */
  private async fillForm(form: Form, dispatch: Dispatch, next: () => Promise<string | undefined>) {
    this.print(
      `── ${form.title} ── (one answer per line; Enter keeps what is in [brackets], - clears it; :cancel stops)`,
    );
    const values: Record<string, string> = {};
    let ask: readonly FormField[] = form.fields;
    for (;;) {
      for (const field of ask) {
        const answer = await this.askField(field, values[field.id] ?? field.initial ?? '', next);
        if (answer === undefined) return this.print('Form closed; nothing was saved.');
        values[field.id] = answer;
      }
      const reply = await dispatch({
        kind: 'form_submit',
        actor: this.actor,
        channelId: 'general',
        formId: form.formId,
        meta: form.meta,
        values,
      });
      if (!reply?.formError) return this.show(reply, dispatch, next);
      this.print(this.render({ ...reply, formError: undefined }));
      // The refused field again (or, when the feature could not say which, every field with its answer kept).
      const refused = form.fields.find((f) => f.id === reply.formError?.field);
      ask = refused ? [refused] : form.fields;
    }
  }

  /** One question; a required one is asked until answered. Undefined when input ends or on `:cancel`. */
  private async askField(field: FormField, current: string, next: () => Promise<string | undefined>) {
    const optional = field.required || /\(optional\)/i.test(field.label) ? '' : ' (optional)';
    for (;;) {
      this.print(`${field.label}${optional}${current ? ` [${current}]` : ''}:`);
      const line = await next();
      if (line === undefined || line.trim() === ':cancel') return undefined;
      const answer = line.trim() === '' ? current : line.trim() === '-' ? '' : line;
      if (answer.trim() || !field.required) return answer;
      this.print(`${field.label} is needed here.`);
    }
  }

  private render(reply: Reply): string {
    const first = this.nextButton;
    for (const button of reply.buttons ?? []) this.buttons.set(this.nextButton++, button);
    const text = renderShell(reply, { color: this.options.color, nameOf: (id) => this.nameOf(id) }, first);
    return [text, ...this.save(reply.files ?? [])].join('\n');
  }

  /** Saves a reply's files in `filesDir` (a later file of the same name replaces the earlier one); one line each. */
  private save(files: readonly ReplyFile[]): string[] {
    if (files.length === 0) return [];
    const dir = resolve(this.options.filesDir);
    mkdirSync(dir, { recursive: true });
    return files.map((file) => {
      // The name comes from the core, but a path in it must not write outside the folder.
      const path = join(dir, basename(file.name.replace(/\\/g, '/')) || 'file.txt');
      writeFileSync(path, file.content, 'utf8');
      return `📎 Saved ${path}`;
    });
  }

  private actorFor(userId: string): Actor {
    const actor = shellActor(this.options.community, userId, userId === 'host');
    this.names.set(userId, actor.displayName);
    return actor;
  }

  private nameOf(userId: string): string {
    return this.names.get(userId) ?? userId.charAt(0).toUpperCase() + userId.slice(1);
  }

  /** A message Hallway sent (a post, a DM, an edit): never in the middle of the prompt line. */
  private deliver(text: string): void {
    if (this.prompt === undefined) this.print(text);
    else this.options.output.write(`\n${text}\n${this.prompt}`);
  }

  private print(text: string): void {
    this.options.output.write(`${text}\n`);
  }
}
