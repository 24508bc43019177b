/**
 * Filling a `SkillIndex` from the repository's scan: one string of skills per member, parsed here without a
 * per-skill object.
 */
import type { CommunityId } from '#core/ids.ts';
import type { MatchingStore } from './store.ts';
import { type MatchIndexMember, SKILL_PART, SKILL_SEPARATOR } from './index-store.ts';
import { MemberDraft, type SkillIndex } from './skill-index.ts';
import type { IndexSource } from './index-cache.ts';
import { displaySkill, skillLabel } from '../skills/index.ts';

/** skill → term → the term's id as worth keeping (see `termId`); few distinct pairs per community. */
const termCaches = new WeakMap<SkillIndex, Map<string, Map<string, number>>>();

/**
 * The id of a skill's term as worth keeping: only a term that says more than the skill's label (explanations show
 * it) is interned; -1 stands for "the label".
 */
function termId(index: SkillIndex, skill: string, term: string | undefined): number {
  if (term === undefined || term === '') return -1;
  let bySkill = termCaches.get(index);
  if (!bySkill) {
    bySkill = new Map();
    termCaches.set(index, bySkill);
  }
  let byTerm = bySkill.get(skill);
  if (!byTerm) {
    byTerm = new Map();
    bySkill.set(skill, byTerm);
  }
  let id = byTerm.get(term);
  if (id === undefined) {
    id = displaySkill(skill, term) !== skillLabel(skill) ? index.space.term(term) : -1;
    byTerm.set(term, id);
  }
  return id;
}

/** Areas are the broad skills of what a member offers and needs ("shared areas" compare them). */
function addAreasFromSkills(index: SkillIndex, draft: MemberDraft): void {
  addAreas(index, draft, draft.offers);
  addAreas(index, draft, draft.needs);
}

function addAreas(index: SkillIndex, draft: MemberDraft, skills: readonly number[]): void {
  for (let k = 0; k < skills.length; k++) {
    const area = index.space.area(skills[k]!);
    if (draft.areas.indexOf(area) < 0) draft.areas.push(area);
  }
}

/** Entry text (skill, SKILL_PART, term) → skill id × 2^22 + term id + 1: one lookup per skill of a scan. */
const entryCaches = new WeakMap<SkillIndex, Map<string, number>>();
const TERM_SPAN = 2 ** 22;

function parseSkills(index: SkillIndex, draft: MemberDraft, skills: string): void {
  let cache = entryCaches.get(index);
  if (!cache) {
    cache = new Map();
    entryCaches.set(index, cache);
  }
  for (const entry of skills.split(SKILL_SEPARATOR)) {
    const key = entry.slice(1);
    let packed = cache.get(key);
    if (packed === undefined) {
      const cut = key.indexOf(SKILL_PART);
      const skill = key.slice(0, cut);
      packed = index.space.id(skill) * TERM_SPAN + termId(index, skill, key.slice(cut + 1)) + 1;
      cache.set(key, packed);
    }
    const id = Math.floor(packed / TERM_SPAN);
    const offer = entry.charCodeAt(0) === 111; // 'o'
    (offer ? draft.offers : draft.needs).push(id);
    (offer ? draft.offerTerms : draft.needTerms).push(packed - id * TERM_SPAN - 1);
  }
}

/** Fills `draft` from a scanned member and puts them in the index. */
function putScanned(index: SkillIndex, draft: MemberDraft, m: MatchIndexMember, skills: string | null): number {
  const [key, userId, lastActiveAt, optedIn, pausedAt, pausedUntil] = m;
  draft.clear();
  draft.userId = userId;
  draft.key = key;
  draft.lastActiveAt = lastActiveAt;
  draft.optedIn = optedIn === 1;
  draft.pauseEnd = pausedAt === null ? 0 : (pausedUntil ?? Number.POSITIVE_INFINITY);
  if (skills !== null) parseSkills(index, draft, skills);
  addAreasFromSkills(index, draft);
  index.put(draft);
  return key;
}

/** Reloads the members with these keys from the repository, removing those no longer there. */
export async function reloadFromRepo(
  index: SkillIndex,
  repo: MatchingStore,
  community: CommunityId,
  keys: readonly number[],
) {
  const draft = new MemberDraft();
  const seen = new Set<number>();
  await repo.scanIndex(community, keys, (m, skills) => seen.add(putScanned(index, draft, m, skills)));
  for (const key of keys) if (!seen.has(key)) index.remove(key);
}

/** Members per page of a full load: a few milliseconds of work, so a sliced load lets the bot answer in between. */
const PAGE = 400;

/** Loads every member of the community from the repository, page by page. */
export async function loadFromRepo(
  index: SkillIndex,
  source: IndexSource,
  community: CommunityId,
  pause?: () => Promise<void>,
): Promise<void> {
  const draft = new MemberDraft();
  const visit = (m: MatchIndexMember, skills: string | null) => void putScanned(index, draft, m, skills);
  let after: string | undefined;
  do {
    const from = after;
    after = await source.read((store) => store.scanIndexPage(community, from, PAGE, visit));
    if (after !== undefined) await pause?.();
  } while (after !== undefined);
}
