/** Help text generated from the command catalog: every subcommand with its description and an example. */
import type { CommandCatalog, CommandSpec, SubcommandSpec } from './catalog.ts';
import { exampleWords, usageLine } from './catalog.ts';
import type { Reply, Section } from './reply.ts';
import { fmt } from './text.ts';

/** Help always shows a command that works as typed. */
function exampleLine(command: string, sub: SubcommandSpec, example: string): string {
  return `/${command} ${exampleWords(sub, example)}`.trim();
}

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

function commandSection(command: CommandSpec, isAdmin: boolean): Section {
  const lines = command.subcommands
    .filter((s) => isAdmin || !s.admin)
    .map((s) => {
      const first = s.examples[0];
      const example = first !== undefined ? `\n    e.g. ${fmt.code(exampleLine(command.name, s, first))}` : '';
      const marker = s.admin && !/\(managers\)/.test(s.description) ? ' (managers)' : '';
      return `• ${usage(command.name, s)}${marker} — ${s.description}${example}`;
    });
  return { text: `${fmt.bold('/' + command.name)} — ${command.description}\n${lines.join('\n')}` };
}

/** `/hallway help`: every command. Admin-only subcommands are listed to admins only. */
export function helpForAll(catalog: CommandCatalog, isAdmin: boolean): Reply {
  return {
    title: 'Hallway — what I can do',
    text: 'Hallway introduces neighbours, matches skills, runs meetups and keeps feedback flowing.',
    sections: catalog.map((c) => commandSection(c, isAdmin)),
    context: 'On Slack and in the shell, options are written name:value (quote values with spaces).',
  };
}

/** `/<command> help`. */
export function helpForCommand(command: CommandSpec, isAdmin: boolean): Reply {
  return { title: `/${command.name}`, text: command.description, sections: [commandSection(command, isAdmin)] };
}
