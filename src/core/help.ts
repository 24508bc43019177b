/** Help text generated from the command catalog: every subcommand with its description and an example. */
import type { CommandCatalog, CommandSpec } from './catalog.ts';
import { usageLine } from './catalog.ts';
import type { Reply, Section } from './reply.ts';
import { fmt } from './text.ts';

function commandSection(command: CommandSpec, isAdmin: boolean): Section {
  const lines = command.subcommands
    .filter((s) => isAdmin || !s.admin)
    .map((s) => {
      const example = s.examples[0] !== undefined ? `\n    e.g. ${fmt.code(`/${command.name} ${s.examples[0]}`.trim())}` : '';
      const marker = s.admin ? ' (managers)' : '';
      return `• ${fmt.code(usageLine(command.name, s))}${marker} — ${s.description}${example}`;
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
