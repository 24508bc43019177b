/**
 * Help text generated from the command catalog. `/hallway help` fits one screen: one line per command with its
 * subcommands and one example; `/<command> help` has the detail (usage, description and an example per
 * subcommand), each description said once.
 */
import type { CommandCatalog, CommandSpec, SubcommandSpec } from './catalog.ts';
import { exampleCommand as exampleLine, usageLine } from './catalog.ts';
import type { Reply } from './reply.ts';
import { fmt } from './text.ts';

const OPTIONS_NOTE = 'Options are written name:value (quote values with spaces); Discord shows them as fields.';

/** Long option lists (e.g. `/hallway config`) are summarised, then named, to keep help readable. */
function usage(command: string, sub: SubcommandSpec): string {
  if (sub.options.length <= 5) return fmt.code(usageLine(command, sub));
  const required = sub.options.filter((o) => o.required).map((o) => `${o.name}:<${o.name}>`);
  const head = ['/' + command, sub.name, ...required, '[name:value …]'].filter(Boolean).join(' ');
  return `${fmt.code(head)} — options: ${sub.options
    .filter((o) => !o.required)
    .map((o) => o.name)
    .join(', ')}`;
}

const visible = (command: CommandSpec, isAdmin: boolean) => command.subcommands.filter((s) => isAdmin || !s.admin);
const managersOnly = (sub: SubcommandSpec) => sub.admin && !/\(managers\)/.test(sub.description);

/** The detail of one command: each subcommand's usage, what it does (unless the command says it already), example. */
function commandLines(command: CommandSpec, isAdmin: boolean): string[] {
  return visible(command, isAdmin).map((s) => {
    const first = s.examples[0];
    const example = first !== undefined ? `\n    e.g. ${fmt.code(exampleLine(command.name, s, first))}` : '';
    const what = s.description === command.description ? '' : ` — ${s.description}`;
    return `• ${usage(command.name, s)}${managersOnly(s) ? ' (managers)' : ''}${what}${example}`;
  });
}

/** The most telling example of a command: the first that shows more than a subcommand's name, else the first. */
function bestExample(command: CommandSpec, subs: readonly SubcommandSpec[]): string | undefined {
  const all = subs.flatMap((s) => s.examples.map((e) => exampleLine(command.name, s, e)));
  const bare = new Set(subs.map((s) => `/${command.name} ${s.name}`.trim()));
  return all.find((line) => !bare.has(line)) ?? all[0];
}

/** One line per command: its subcommands by name (managers' ones apart), what it is for, one example. */
function summaryLine(command: CommandSpec, isAdmin: boolean): string {
  const subs = visible(command, isAdmin);
  const named = (list: SubcommandSpec[]) => list.map((s) => s.name).filter(Boolean);
  const everyone = named(subs.filter((s) => !s.admin));
  const managers = named(subs.filter((s) => s.admin));
  const parts = [everyone.join(' · '), managers.length ? `managers: ${managers.join(' · ')}` : ''].filter(Boolean);
  const which = parts.length ? ` ${parts.join('; ')}` : '';
  const example = bestExample(command, subs);
  return `• ${fmt.bold('/' + command.name)}${which} — ${command.description}${example ? ` — e.g. ${fmt.code(example)}` : ''}`;
}

/** `/hallway help`: every command on one screen. Admin-only subcommands are listed to admins only. */
export function helpForAll(catalog: CommandCatalog, isAdmin: boolean): Reply {
  return {
    title: 'Hallway — what I can do',
    text: 'Hallway introduces neighbours, matches skills, runs meetups and keeps feedback flowing.',
    sections: [{ text: catalog.map((c) => summaryLine(c, isAdmin)).join('\n') }],
    context: `Every option and an example per subcommand: ${fmt.code('/<command> help')}, e.g. ${fmt.code('/meetup help')}. ${OPTIONS_NOTE}`,
  };
}

/** `/<command> help`. */
export function helpForCommand(command: CommandSpec, isAdmin: boolean): Reply {
  return {
    title: `/${command.name}`,
    text: command.description,
    sections: [{ text: commandLines(command, isAdmin).join('\n') }],
    context: OPTIONS_NOTE,
  };
}
