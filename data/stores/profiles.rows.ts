/** Profile rows ↔ records. The JSON columns are checked on the way out: a bad row is a bug, never member input. */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { IntroFields, ProfileRecord } from '../../commands/introductions/store.ts';
import { toCommunityId, toDate, toOptionalDate } from '../db/rows.ts';
import type { ProfilesTable } from '../db/schema.ts';

export const PROFILE_COLUMNS = [
  'community',
  'user_id',
  'role',
  'working_on',
  'links',
  'pronouns',
  'fun_fact',
  'answers',
  'draft',
  'status',
  'revision',
  'introduced_at',
  'updated_at',
  'welcomed_at',
  'reminded_at',
  'card_posted_at',
  'reviewed_by',
  'review_note',
  'published_skills',
] as const;

export type ProfileRow = Pick<Selectable<ProfilesTable>, (typeof PROFILE_COLUMNS)[number]>;

const answersSchema = z.array(z.object({ question: z.string(), answer: z.string() }));
const linksSchema = z.array(z.string());
const skillListSchema = z.array(z.object({ skill: z.string(), term: z.string() }));
const cardSkillsSchema = z.object({ offers: skillListSchema, needs: skillListSchema });
const draftSchema = z.object({
  role: z.string(),
  workingOn: z.string(),
  links: linksSchema,
  pronouns: z.string().optional(),
  funFact: z.string().optional(),
  answers: answersSchema,
  skills: cardSkillsSchema.optional(),
});

/** Skills as stored: canonical skill and the member's term only (what a card shows). */
const storedSkills = (skills: IntroFields['skills']) =>
  skills && {
    offers: skills.offers.map(({ skill, term }) => ({ skill, term })),
    needs: skills.needs.map(({ skill, term }) => ({ skill, term })),
  };

/** The published columns of a profile, as they are written. */
export function publishedColumns(fields: IntroFields) {
  return {
    role: fields.role,
    working_on: fields.workingOn,
    links: JSON.stringify(fields.links),
    pronouns: fields.pronouns ?? null,
    fun_fact: fields.funFact ?? null,
    answers: JSON.stringify(fields.answers),
    published_skills: fields.skills ? JSON.stringify(storedSkills(fields.skills)) : null,
  };
}

/** A submission as the `draft` column holds it (all the fields, as JSON). */
export function draftColumn(fields: IntroFields): string {
  const { role, workingOn, links, pronouns, funFact, answers, skills } = fields;
  return JSON.stringify({ role, workingOn, links, pronouns, funFact, answers, skills: storedSkills(skills) });
}

export function toProfile(row: ProfileRow): ProfileRecord {
  // The published columns hold defaults until a first intro is published (introduced_at set).
  const published: IntroFields | undefined =
    row.introduced_at === null
      ? undefined
      : {
          role: row.role,
          workingOn: row.working_on,
          links: linksSchema.parse(JSON.parse(row.links)),
          pronouns: row.pronouns ?? undefined,
          funFact: row.fun_fact ?? undefined,
          answers: answersSchema.parse(JSON.parse(row.answers)),
          skills: row.published_skills === null ? undefined : cardSkillsSchema.parse(JSON.parse(row.published_skills)),
        };
  return {
    community: toCommunityId(row.community),
    userId: row.user_id,
    published,
    draft: row.draft === null ? undefined : draftSchema.parse(JSON.parse(row.draft)),
    status: row.status,
    revision: row.revision,
    introducedAt: toOptionalDate(row.introduced_at),
    updatedAt: toDate(row.updated_at),
    welcomedAt: toOptionalDate(row.welcomed_at),
    remindedAt: toOptionalDate(row.reminded_at),
    cardPostedAt: toOptionalDate(row.card_posted_at),
    reviewedBy: row.reviewed_by ?? undefined,
    reviewNote: row.review_note ?? undefined,
  };
}
