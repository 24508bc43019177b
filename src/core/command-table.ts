/**
 * Every command of a deployment, with the feature each subcommand belongs to. A command is defined by one feature;
 * other features may add subcommands to it (`Feature.addSubcommands`, e.g. a feature of its own under `/hallway`),
 * and each subcommand then runs with the store of the feature that declared it. Help, Discord and routing all read
 * this one table, so an added subcommand is a subcommand like any other.
 */
import { type CommandDef, type Feature, type SubcommandDef, subcommandsOf } from './command.ts';

export interface CommandEntry<F extends Feature<never>> {
  /** The command with every subcommand, added ones after its own. */
  readonly def: CommandDef<unknown>;
  /** The feature that defines the command. */
  readonly feature: F;
  /** The feature whose store a subcommand runs with, by subcommand name (`''` for a flat command). */
  ownerOf(subcommand: string): F;
}

/** The commands of `features`, in their order. Throws (a programming error) on a clash or a missing command. */
export function commandTable<F extends Feature<never>>(features: readonly F[]): CommandEntry<F>[] {
  const entries = new Map<string, { def: CommandDef<unknown>; feature: F; owners: Map<string, F> }>();
  for (const feature of features) {
    for (const def of (feature.commands ?? []) as readonly CommandDef<unknown>[]) {
      if (entries.has(def.name)) throw new Error(`/${def.name} is defined twice (${feature.name})`);
      const owners = new Map(Object.keys(subcommandsOf(def)).map((name) => [name, feature]));
      entries.set(def.name, { def, feature, owners });
    }
  }
  for (const feature of features) {
    for (const [command, added] of Object.entries(feature.addSubcommands ?? {})) {
      const entry = entries.get(command);
      if (!entry || !('subcommands' in entry.def)) {
        throw new Error(`${feature.name} adds subcommands to /${command}, which no feature defines with subcommands`);
      }
      for (const name of Object.keys(added)) {
        if (entry.owners.has(name)) throw new Error(`/${command} ${name} is defined twice (${feature.name})`);
        entry.owners.set(name, feature);
      }
      const subcommands = { ...entry.def.subcommands, ...(added as Record<string, SubcommandDef<unknown>>) };
      entry.def = { ...entry.def, subcommands };
    }
  }
  return [...entries.values()].map(({ def, feature, owners }) => ({
    def,
    feature,
    ownerOf: (subcommand) => owners.get(subcommand) ?? feature,
  }));
}
