/**
 * Skills as small integers, for the matcher's inner loops. The taxonomy's skills take ids 0…T-1 once per process,
 * with their relations precomputed as flat arrays (which offers meet a need, which needs an offer meets, and how);
 * each community's index then interns the skills members invented after them. An invented skill meets only itself
 * (the taxonomy never relates to it), so it needs no table.
 */
import { CREDIT, needsMetBy, offersMeeting, type Via } from './affinity.ts';
import { allSkills, broaderSkill } from '../skills/index.ts';

/** How an offer meets a need, as an integer ordered like the credit: 0 none, 1 related … 4 exact. */
export const EXACT = 4;
export const VIA_OF_CODE: readonly (Via | undefined)[] = [undefined, 'related', 'broader', 'narrower', 'exact'];
export const CREDIT_OF_CODE: readonly number[] = [0, CREDIT.related, CREDIT.broader, CREDIT.narrower, CREDIT.exact];
const CODE: Readonly<Record<Via, number>> = { related: 1, broader: 2, narrower: 3, exact: EXACT };

/** A relation over the taxonomy ids in CSR form: the entries of skill `s` are `start[s]` … `start[s + 1] - 1`. */
export interface Relation {
  readonly start: Int32Array;
  readonly skill: Int32Array;
  readonly code: Uint8Array;
}

const KNOWN = allSkills();
const KNOWN_IDS = new Map(KNOWN.map((s, i) => [s, i]));

function relation(table: (skill: string) => ReadonlyMap<string, Via>): Relation {
  const start = new Int32Array(KNOWN.length + 1);
  const skills: number[] = [];
  const codes: number[] = [];
  KNOWN.forEach((slug, i) => {
    start[i] = skills.length;
    for (const [other, via] of table(slug)) {
      const id = KNOWN_IDS.get(other);
      if (id === undefined) continue;
      skills.push(id);
      codes.push(CODE[via]);
    }
  });
  start[KNOWN.length] = skills.length;
  return { start, skill: Int32Array.from(skills), code: Uint8Array.from(codes) };
}

/** Need → the offers meeting it; offer → the needs it meets. Shared by every community's index. */
export const OFFERS_MEETING: Relation = relation(offersMeeting);
export const NEEDS_MET_BY: Relation = relation(needsMetBy);
/** The taxonomy's size: ids below it are known skills. */
export const KNOWN_COUNT = KNOWN.length;
const KNOWN_AREAS = Int32Array.from(KNOWN, (s) => KNOWN_IDS.get(broaderSkill(s) ?? s)!);
/** need × offer → code, for the taxonomy (~300² bytes): explanations look pairs up directly. */
const CODES = new Uint8Array(KNOWN_COUNT * KNOWN_COUNT);
for (let need = 0; need < KNOWN_COUNT; need++) {
  for (let k = OFFERS_MEETING.start[need]!; k < OFFERS_MEETING.start[need + 1]!; k++) {
    CODES[need * KNOWN_COUNT + OFFERS_MEETING.skill[k]!] = OFFERS_MEETING.code[k]!;
  }
}

/** How offer skill `offer` meets need skill `need` (0: not at all). */
export function codeOf(need: number, offer: number): number {
  if (need === offer) return EXACT;
  return need < KNOWN_COUNT && offer < KNOWN_COUNT ? CODES[need * KNOWN_COUNT + offer]! : 0;
}

/** One community's skill ids: the taxonomy's, then invented skills in order of appearance. Terms are interned too. */
export class SkillSpace {
  private readonly ids = new Map<string, number>(KNOWN_IDS);
  private readonly names: string[] = [...KNOWN];
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];

  /** Number of skill ids in use (tables indexed by skill id need this many entries). */
  get size(): number {
    return this.names.length;
  }

  /** The id of `skill`, interning it when new. */
  id(skill: string): number {
    let id = this.ids.get(skill);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(skill, id);
      this.names.push(skill);
    }
    return id;
  }

  /** The id of `term` (-1 for none), interning it when new: most members type the label, so few are distinct. */
  term(term: string | undefined): number {
    if (term === undefined) return -1;
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
    }
    return id;
  }

  skillName(id: number): string {
    return this.names[id]!;
  }

  termName(id: number): string | undefined {
    return id < 0 ? undefined : this.termNames[id];
  }

  /** The broad area of a skill (its parent, else itself): what "shared interests" compare. */
  area(id: number): number {
    return id < KNOWN_COUNT ? KNOWN_AREAS[id]! : id;
  }
}
