/**
 * The skill taxonomy (`data/skills/taxonomy.json`) loaded once into lookup maps, so normalising a skill is a handful
 * of map reads. Problems in the file (an alias claimed by two skills, a related skill that does not exist) are kept
 * in `taxonomyProblems` for the unit test rather than thrown, so a typo never takes the bot down.
 */
import raw from '../../data/skills/taxonomy.json' with { type: 'json' };
import { lookupKey, tokenise } from './skill-text.ts';

interface RawSkill {
  readonly slug: string;
  readonly label: string;
  readonly parent?: string;
  readonly aliases: readonly string[];
  readonly related: readonly string[];
}

/** One canonical skill with its relations resolved (related is symmetric: listed either way). */
export interface SkillEntry {
  readonly slug: string;
  /** How the skill reads mid-sentence: "layout design", "UX design". */
  readonly label: string;
  readonly parent?: string;
  readonly related: readonly string[];
  readonly children: readonly string[];
}

export interface Taxonomy {
  readonly skills: ReadonlyMap<string, SkillEntry>;
  /** Lookup key (see `lookupKey`) → canonical slug. Holds slugs, labels and aliases. */
  readonly aliases: ReadonlyMap<string, string>;
  /** Lookup keys that match only the whole text, never inside a longer phrase. */
  readonly exactOnly: ReadonlySet<string>;
  readonly problems: readonly string[];
}

function build(skills: readonly RawSkill[], exactOnly: readonly string[]): Taxonomy {
  const problems: string[] = [];
  const aliases = new Map<string, string>();
  const claim = (text: string, slug: string, strong: boolean) => {
    const key = lookupKey(tokenise(text));
    const owner = aliases.get(key);
    if (key === '') problems.push(`empty alias "${text}" on ${slug}`);
    else if (owner === undefined || (strong && owner !== slug)) aliases.set(key, slug);
    if (owner !== undefined && owner !== slug) problems.push(`"${text}" is claimed by ${owner} and ${slug}`);
  };
  // Slugs first and strongly: every canonical slug must normalise to itself.
  for (const s of skills) claim(s.slug.replaceAll('-', ' '), s.slug, true);
  for (const s of skills) for (const text of [s.label, ...s.aliases]) claim(text, s.slug, false);

  const slugs = new Set(skills.map((s) => s.slug));
  const related = new Map<string, Set<string>>(skills.map((s) => [s.slug, new Set<string>()]));
  const children = new Map<string, string[]>(skills.map((s) => [s.slug, []]));
  for (const s of skills) {
    if (s.parent !== undefined && !slugs.has(s.parent)) problems.push(`${s.slug}: unknown parent ${s.parent}`);
    if (s.parent !== undefined) children.get(s.parent)?.push(s.slug);
    for (const r of s.related) {
      if (!slugs.has(r) || r === s.slug) problems.push(`${s.slug}: bad related skill ${r}`);
      else {
        related.get(s.slug)?.add(r);
        related.get(r)?.add(s.slug);
      }
    }
  }
  const entries = new Map<string, SkillEntry>();
  for (const s of skills) {
    entries.set(s.slug, {
      slug: s.slug,
      label: s.label,
      parent: s.parent,
      related: [...(related.get(s.slug) ?? [])],
      children: children.get(s.slug) ?? [],
    });
  }
  return { skills: entries, aliases, exactOnly: new Set(exactOnly.map((w) => lookupKey(tokenise(w)))), problems };
}

/** The taxonomy shipped with Hallway. */
export const taxonomy: Taxonomy = build(raw.skills as readonly RawSkill[], raw.exactOnly);

/** What is wrong with the taxonomy file (empty when it is consistent). */
export function taxonomyProblems(): readonly string[] {
  return taxonomy.problems;
}
