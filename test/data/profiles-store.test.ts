/** The introductions store (profiles, skills, managers), on the run's database (SQLite or PostgreSQL). */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import type { IntroFields, ProfilesStore, SkillInput } from '../../commands/introductions/store.ts';
import { profilesStore } from '../../data/stores/profiles.store.ts';
import { openTestStorage } from '../support/databases.ts';

const LOFT: CommunityId = 'shell:loft';
const OTHER: CommunityId = 'discord:80351110224678912';
/** Minutes after a fixed morning. */
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 16, 8, minutes));

const INTRO: IntroFields = {
  role: 'Illustrator',
  workingOn: 'A zine about\nriver birds',
  links: ['https://example.com/mia'],
  pronouns: 'she/her',
  funFact: 'Collects stamps',
  answers: [{ question: 'Favourite tool?', answer: 'A 2B pencil' }],
};
const EDITED: IntroFields = { role: 'Printmaker', workingOn: 'Linocuts', links: [], answers: [] };

const skill = (name: string, term = name): SkillInput => ({ skill: name, term });

let storage: Storage;
beforeEach(async () => {
  storage = await openTestStorage();
});

/** One unit of work on the introductions store and the core stores. */
const run = async <T>(fn: (profiles: ProfilesStore, core: CoreStores) => Promise<T>) =>
  storage.transaction(async (tx) => await fn(profilesStore(tx), storage.core(tx)));

/** Members seen at the given minutes (their last activity); `gone` ones then leave. */
async function seed(core: CoreStores, members: Record<string, number>, gone: string[] = [], community = LOFT) {
  for (const [userId, minute] of Object.entries(members))
    await core.members.touch(community, userId, userId, at(minute));
  for (const userId of gone) await core.members.markLeft(community, userId, at(59));
}

describe('profiles', () => {
  it('welcomes a member once, creating the profile in the welcome state', async () => {
    await run(async (profiles) => {
      expect(await profiles.get(LOFT, 'mia')).toBeUndefined();
      expect(await profiles.markWelcomed(LOFT, 'mia', at(1))).toBe(true);
      expect(await profiles.markWelcomed(LOFT, 'mia', at(2))).toBe(false);
      expect(await profiles.markWelcomed(OTHER, 'mia', at(3))).toBe(true);
      expect(await profiles.get(LOFT, 'mia')).toEqual({
        community: LOFT,
        userId: 'mia',
        published: undefined,
        draft: undefined,
        status: 'draft',
        revision: 0,
        introducedAt: undefined,
        updatedAt: at(1),
        welcomedAt: at(1),
        remindedAt: undefined,
        cardPostedAt: undefined,
        reviewedBy: undefined,
        reviewNote: undefined,
      });
    });
  });

  it('welcomes a member whose profile exists without a welcome (submitted first)', async () => {
    await run(async (profiles) => {
      await profiles.submitDraft(LOFT, 'mia', INTRO, at(1));
      expect(await profiles.markWelcomed(LOFT, 'mia', at(2))).toBe(true);
      expect(await profiles.get(LOFT, 'mia')).toMatchObject({ status: 'pending_approval', welcomedAt: at(2) });
    });
  });

  it('stores submissions as the draft, counting revisions, and approves the pending one without a new revision', async () => {
    await run(async (profiles) => {
      expect(await profiles.submitDraft(LOFT, 'mia', INTRO, at(1))).toBe(1);
      expect(await profiles.get(LOFT, 'mia')).toMatchObject({
        status: 'pending_approval',
        draft: INTRO,
        published: undefined,
        revision: 1,
        updatedAt: at(1),
      });
      expect(await profiles.submitDraft(LOFT, 'mia', EDITED, at(2))).toBe(2);
      expect((await profiles.get(LOFT, 'mia'))?.draft).toEqual(EDITED);

      expect(await profiles.publish(LOFT, 'mia', EDITED, at(3), 'admin')).toBe(2);
      expect(await profiles.get(LOFT, 'mia')).toMatchObject({
        status: 'approved',
        draft: undefined,
        published: { ...EDITED, pronouns: undefined, funFact: undefined },
        revision: 2,
        introducedAt: at(3),
        updatedAt: at(3),
        reviewedBy: 'admin',
      });
    });
  });

  it('publishes directly (a new member, or an edit) as a new revision, keeping the first introduction time', async () => {
    await run(async (profiles) => {
      expect(await profiles.publish(LOFT, 'leo', INTRO, at(1))).toBe(1);
      const first = await profiles.get(LOFT, 'leo');
      expect(first).toMatchObject({ status: 'approved', published: INTRO, introducedAt: at(1), revision: 1 });
      expect(first?.reviewedBy).toBeUndefined();

      expect(await profiles.publish(LOFT, 'leo', EDITED, at(5))).toBe(2);
      const edited = await profiles.get(LOFT, 'leo');
      expect(edited).toMatchObject({
        published: { role: 'Printmaker', links: [] },
        introducedAt: at(1),
        updatedAt: at(5),
      });
      expect(edited?.published?.pronouns).toBeUndefined();
    });
  });

  it('rejects a submission, keeping it for editing, and a new submission clears the review', async () => {
    await run(async (profiles) => {
      await profiles.submitDraft(LOFT, 'mia', INTRO, at(1));
      await profiles.reject(LOFT, 'mia', at(2), 'admin', 'Please add a link');
      expect(await profiles.get(LOFT, 'mia')).toMatchObject({
        status: 'rejected',
        draft: INTRO,
        revision: 1,
        reviewedBy: 'admin',
        reviewNote: 'Please add a link',
        updatedAt: at(2),
      });
      await profiles.reject(LOFT, 'nobody', at(2), 'admin');
      expect(await profiles.get(LOFT, 'nobody')).toBeUndefined();

      expect(await profiles.submitDraft(LOFT, 'mia', EDITED, at(3))).toBe(2);
      const again = await profiles.get(LOFT, 'mia');
      expect(again).toMatchObject({ status: 'pending_approval', draft: EDITED });
      expect(again?.reviewedBy).toBeUndefined();
      expect(again?.reviewNote).toBeUndefined();
    });
  });

  it('keeps the published intro while an edit waits for approval', async () => {
    await run(async (profiles) => {
      await profiles.publish(LOFT, 'mia', INTRO, at(1));
      await profiles.submitDraft(LOFT, 'mia', EDITED, at(2));
      expect(await profiles.get(LOFT, 'mia')).toMatchObject({ published: INTRO, draft: EDITED, revision: 2 });
    });
  });

  it('lists reminders due: welcomed before the cutoff, never introduced nor reminded, still here', async () => {
    await run(async (profiles, core) => {
      await seed(core, { ana: 0, bea: 0, cy: 0, dee: 0, eve: 0, fay: 0 }, ['dee']);
      for (const [user, minute] of [
        ['bea', 3],
        ['ana', 2],
        ['cy', 4],
        ['dee', 1],
        ['eve', 20],
        ['fay', 5],
        ['ghost', 1],
      ] as const) {
        await profiles.markWelcomed(LOFT, user, at(minute));
      }
      await profiles.submitDraft(LOFT, 'cy', INTRO, at(6));
      await profiles.markReminded(LOFT, 'fay', at(7));
      expect(await profiles.get(LOFT, 'fay')).toMatchObject({ remindedAt: at(7) });

      // dee left, ghost has no member row, eve came after the cutoff, cy submitted, fay was reminded.
      expect(await profiles.dueReminders(LOFT, at(10), 10)).toEqual(['ana', 'bea']);
      expect(await profiles.dueReminders(LOFT, at(10), 1)).toEqual(['ana']);
      expect(await profiles.dueReminders(LOFT, at(2), 10)).toEqual(['ana']);
      expect(await profiles.dueReminders(OTHER, at(30), 10)).toEqual([]);
    });
  });

  it('lists published intros whose card was never posted, oldest first, from members still here', async () => {
    await run(async (profiles, core) => {
      await seed(core, { ana: 0, bea: 0, cy: 0, dee: 0 }, ['dee']);
      await profiles.publish(LOFT, 'bea', INTRO, at(1));
      await profiles.publish(LOFT, 'ana', INTRO, at(2));
      await profiles.publish(LOFT, 'cy', INTRO, at(3));
      await profiles.publish(LOFT, 'dee', INTRO, at(4));
      await profiles.submitDraft(LOFT, 'eve', INTRO, at(5));
      await profiles.markCardPosted(LOFT, 'cy', at(6));
      expect(await profiles.get(LOFT, 'cy')).toMatchObject({ cardPostedAt: at(6) });

      expect(await profiles.awaitingCard(LOFT, 10)).toEqual(['bea', 'ana']);
      expect(await profiles.awaitingCard(LOFT, 1)).toEqual(['bea']);
    });
  });

  it('lists and counts pending submissions of members still here, oldest first', async () => {
    await run(async (profiles, core) => {
      await seed(core, { ana: 0, bea: 0, cy: 0, dee: 0 }, ['dee']);
      await profiles.submitDraft(LOFT, 'bea', INTRO, at(1));
      await profiles.submitDraft(LOFT, 'ana', EDITED, at(2));
      await profiles.submitDraft(LOFT, 'dee', INTRO, at(3));
      await profiles.submitDraft(LOFT, 'cy', INTRO, at(4));
      await profiles.reject(LOFT, 'cy', at(5), 'admin');
      await profiles.submitDraft(LOFT, 'ghost', INTRO, at(6));

      const pending = await profiles.pending(LOFT, 10);
      expect(pending.map((p) => p.userId)).toEqual(['bea', 'ana']);
      expect(pending[1]).toMatchObject({ community: LOFT, draft: EDITED, revision: 1, status: 'pending_approval' });
      expect((await profiles.pending(LOFT, 1)).map((p) => p.userId)).toEqual(['bea']);
      expect(await profiles.countPending(LOFT)).toBe(2);
      expect(await profiles.countPending(OTHER)).toBe(0);
    });
  });
});

describe('skills', () => {
  it('adds skills, keeping those already listed with their term and time, and lists them in order', async () => {
    await run(async (profiles) => {
      expect(await profiles.addSkills(LOFT, 'mia', 'offer', [skill('risograph'), skill('illustration')], at(1))).toBe(
        2,
      );
      const added = [skill('illustration', 'drawing'), skill('zines'), skill('zines', 'zine making')];
      expect(await profiles.addSkills(LOFT, 'mia', 'offer', added, at(2))).toBe(1);
      expect(await profiles.addSkills(LOFT, 'mia', 'offer', [], at(3))).toBe(0);
      expect(await profiles.addSkills(LOFT, 'mia', 'need', [skill('illustration')], at(4))).toBe(1);

      expect(await profiles.skills(LOFT, 'mia', 'offer')).toEqual([
        { skill: 'illustration', term: 'illustration', addedAt: at(1) },
        { skill: 'risograph', term: 'risograph', addedAt: at(1) },
        { skill: 'zines', term: 'zines', addedAt: at(2) },
      ]);
      expect((await profiles.skills(LOFT, 'mia', 'need')).map((s) => s.skill)).toEqual(['illustration']);
      expect(await profiles.skills(OTHER, 'mia', 'offer')).toEqual([]);
    });
  });

  it('replaces one list: kept skills keep their place and time, new ones come after, the other list stays', async () => {
    await run(async (profiles) => {
      await profiles.addSkills(LOFT, 'mia', 'offer', [skill('zines'), skill('risograph')], at(1));
      await profiles.addSkills(LOFT, 'mia', 'offer', [skill('bookbinding')], at(2));
      await profiles.addSkills(LOFT, 'mia', 'need', [skill('zines')], at(2));

      await profiles.replaceSkills(LOFT, 'mia', 'offer', [skill('animation'), skill('zines', 'zine')], at(3));
      expect(await profiles.skills(LOFT, 'mia', 'offer')).toEqual([
        { skill: 'zines', term: 'zines', addedAt: at(1) },
        { skill: 'animation', term: 'animation', addedAt: at(3) },
      ]);
      expect((await profiles.skills(LOFT, 'mia', 'need')).map((s) => s.skill)).toEqual(['zines']);

      await profiles.replaceSkills(LOFT, 'mia', 'offer', [], at(4));
      expect(await profiles.skills(LOFT, 'mia', 'offer')).toEqual([]);
      expect(await profiles.skills(LOFT, 'mia', 'need')).toHaveLength(1);
    });
  });

  it('reads both lists at once, and a card: profile, lists and whether the member left', async () => {
    await run(async (profiles, core) => {
      await seed(core, { mia: 1, lucas: 2, ines: 3 }, ['ines']);
      await profiles.addSkills(LOFT, 'mia', 'need', [skill('zines')], at(4));
      await profiles.addSkills(LOFT, 'mia', 'offer', [skill('illustration', 'inking'), skill('layout')], at(5));
      await profiles.addSkills(LOFT, 'mia', 'offer', [skill('animation')], at(6));
      await profiles.publish(LOFT, 'mia', INTRO, at(7));
      const lists = await profiles.skillLists(LOFT, 'mia');
      expect(lists.offers).toEqual(await profiles.skills(LOFT, 'mia', 'offer'));
      expect(lists.needs).toEqual(await profiles.skills(LOFT, 'mia', 'need'));
      expect(lists.offers.map((s) => s.skill)).toEqual(['illustration', 'layout', 'animation']);
      const card = await profiles.card(LOFT, 'mia');
      expect(card).toEqual({ ...lists, profile: await profiles.get(LOFT, 'mia'), left: false });
      expect(await profiles.card(LOFT, 'lucas')).toEqual({ offers: [], needs: [], profile: undefined, left: false });
      expect((await profiles.card(LOFT, 'ines'))?.left).toBe(true);
      expect(await profiles.card(LOFT, 'nobody')).toBeUndefined();
      expect(await profiles.card(OTHER, 'mia')).toBeUndefined();
      expect(await profiles.skillLists(OTHER, 'mia')).toEqual({ offers: [], needs: [] });
    });
  });

  it('removes skills from both lists', async () => {
    await run(async (profiles) => {
      await profiles.addSkills(LOFT, 'mia', 'offer', [skill('zines'), skill('risograph')], at(1));
      await profiles.addSkills(LOFT, 'mia', 'need', [skill('zines'), skill('video')], at(1));
      await profiles.addSkills(LOFT, 'leo', 'offer', [skill('zines')], at(1));
      expect(await profiles.removeSkills(LOFT, 'mia', ['zines', 'unknown'])).toBe(2);
      expect(await profiles.removeSkills(LOFT, 'mia', [])).toBe(0);
      expect((await profiles.skills(LOFT, 'mia', 'offer')).map((s) => s.skill)).toEqual(['risograph']);
      expect((await profiles.skills(LOFT, 'mia', 'need')).map((s) => s.skill)).toEqual(['video']);
      expect(await profiles.skills(LOFT, 'leo', 'offer')).toHaveLength(1);
    });
  });

  it('finds and counts members by skill, most recently active first, without those who left', async () => {
    await run(async (profiles, core) => {
      await seed(core, { ana: 5, bea: 9, cy: 5, dee: 20, eve: 1 }, ['dee']);
      for (const user of ['ana', 'bea', 'cy', 'dee', 'ghost']) {
        await profiles.addSkills(LOFT, user, 'offer', [skill('video', `${user} video`)], at(1));
      }
      await profiles.addSkills(LOFT, 'eve', 'need', [skill('video')], at(1));

      expect(await profiles.findBySkill(LOFT, 'video', 'offer', 10, 0)).toEqual([
        { userId: 'bea', term: 'bea video', lastActiveAt: at(9) },
        { userId: 'ana', term: 'ana video', lastActiveAt: at(5) },
        { userId: 'cy', term: 'cy video', lastActiveAt: at(5) },
      ]);
      expect((await profiles.findBySkill(LOFT, 'video', 'offer', 1, 1)).map((h) => h.userId)).toEqual(['ana']);
      expect((await profiles.findBySkill(LOFT, 'video', 'need', 10, 0)).map((h) => h.userId)).toEqual(['eve']);
      expect(await profiles.countBySkill(LOFT, 'video', 'offer')).toBe(3);
      expect(await profiles.countBySkill(LOFT, 'video', 'need')).toBe(1);
      expect(await profiles.countBySkill(OTHER, 'video', 'offer')).toBe(0);
    });
  });

  it('finds complements both ways, most recently active first, without the member and those who left', async () => {
    await run(async (profiles, core) => {
      await seed(core, { mia: 30, ana: 5, bea: 9, dee: 20 }, ['dee']);
      await profiles.addSkills(LOFT, 'mia', 'need', [skill('video'), skill('sound')], at(1));
      await profiles.addSkills(LOFT, 'mia', 'offer', [skill('zines')], at(1));
      await profiles.addSkills(LOFT, 'ana', 'offer', [skill('video'), skill('sound'), skill('zines')], at(1));
      await profiles.addSkills(LOFT, 'bea', 'need', [skill('zines'), skill('video')], at(1));
      await profiles.addSkills(LOFT, 'dee', 'offer', [skill('video')], at(1));

      expect(await profiles.complements(LOFT, 'mia', 10)).toEqual([
        { userId: 'bea', kind: 'need', skill: 'zines', lastActiveAt: at(9) },
        { userId: 'ana', kind: 'offer', skill: 'sound', lastActiveAt: at(5) },
        { userId: 'ana', kind: 'offer', skill: 'video', lastActiveAt: at(5) },
      ]);
      expect(await profiles.complements(LOFT, 'mia', 2)).toHaveLength(2);
      expect(await profiles.complements(LOFT, 'nobody', 10)).toEqual([]);
    });
  });

  it('suggests known skills by prefix of the skill or the term, ignoring case, most common first', async () => {
    await run(async (profiles, core) => {
      await seed(core, { ana: 1, bea: 1, cy: 1, dee: 1 }, ['dee']);
      await profiles.addSkills(LOFT, 'ana', 'offer', [skill('photography', 'Photos'), skill('pottery')], at(1));
      await profiles.addSkills(LOFT, 'bea', 'need', [skill('pottery'), skill('100%_cotton')], at(1));
      await profiles.addSkills(LOFT, 'cy', 'offer', [skill('painting', 'Pastels')], at(1));
      await profiles.addSkills(LOFT, 'dee', 'offer', [skill('pastry'), skill('painting')], at(1));

      expect(await profiles.knownSkills(LOFT, 'p', 10)).toEqual(['pottery', 'painting', 'photography']);
      expect(await profiles.knownSkills(LOFT, 'PHOTO', 10)).toEqual(['photography']);
      expect(await profiles.knownSkills(LOFT, 'pas', 10)).toEqual(['painting']);
      expect(await profiles.knownSkills(LOFT, 'p', 1)).toEqual(['pottery']);
      expect(await profiles.knownSkills(LOFT, '100%_', 10)).toEqual(['100%_cotton']);
      expect(await profiles.knownSkills(LOFT, '%', 10)).toEqual([]);
      expect(await profiles.knownSkills(LOFT, '_otter', 10)).toEqual([]);
      expect(await profiles.knownSkills(OTHER, 'p', 10)).toEqual([]);
    });
  });
});

describe('managers, erasure, export and stats', () => {
  it('notes managers, newest first, forgets them, and hides those who left', async () => {
    await run(async (profiles, core) => {
      await seed(core, { ana: 1, bea: 1, cy: 1 }, ['cy']);
      await profiles.noteManager(LOFT, 'ana', true, at(1));
      await profiles.noteManager(LOFT, 'bea', true, at(2));
      await profiles.noteManager(LOFT, 'cy', true, at(3));
      await profiles.noteManager(LOFT, 'ghost', true, at(4));
      expect(await profiles.managers(LOFT)).toEqual(['bea', 'ana']);
      await profiles.noteManager(LOFT, 'ana', true, at(5));
      expect(await profiles.managers(LOFT)).toEqual(['ana', 'bea']);
      await profiles.noteManager(LOFT, 'ana', false, at(6));
      expect(await profiles.managers(LOFT)).toEqual(['bea']);
      expect(await profiles.managers(OTHER)).toEqual([]);
    });
  });

  it('lists at most ten managers', async () => {
    await run(async (profiles, core) => {
      const users = Array.from({ length: 12 }, (_, i) => `u${String(i).padStart(2, '0')}`);
      await seed(core, Object.fromEntries(users.map((u) => [u, 1])));
      for (const [i, user] of users.entries()) await profiles.noteManager(LOFT, user, true, at(i));
      expect(await profiles.managers(LOFT)).toEqual(users.slice(2).reverse());
    });
  });

  it("deletes a member's profile, skills and manager mark, and nobody else's", async () => {
    await run(async (profiles, core) => {
      await seed(core, { mia: 1, leo: 1 });
      for (const community of [LOFT, OTHER]) {
        await profiles.publish(community, 'mia', INTRO, at(1));
        await profiles.addSkills(community, 'mia', 'offer', [skill('zines'), skill('video')], at(1));
        await profiles.addSkills(community, 'mia', 'need', [skill('sound')], at(1));
        await profiles.noteManager(community, 'mia', true, at(1));
      }
      await profiles.publish(LOFT, 'leo', INTRO, at(1));
      await profiles.addSkills(LOFT, 'leo', 'offer', [skill('zines')], at(1));

      expect(await profiles.deleteMember(LOFT, 'mia')).toEqual({ profile: 1, skills: 3 });
      expect(await profiles.deleteMember(LOFT, 'mia')).toEqual({ profile: 0, skills: 0 });
      expect(await profiles.get(LOFT, 'mia')).toBeUndefined();
      expect(await profiles.managers(LOFT)).toEqual([]);
      expect(await profiles.get(LOFT, 'leo')).toBeDefined();
      expect(await profiles.skills(LOFT, 'leo', 'offer')).toHaveLength(1);
      expect(await profiles.get(OTHER, 'mia')).toBeDefined();
      expect(await profiles.skills(OTHER, 'mia', 'offer')).toHaveLength(2);
    });
  });

  it('exports published intros and skills of the community, never a waiting submission or bookkeeping', async () => {
    await run(async (profiles) => {
      await profiles.publish(LOFT, 'mia', INTRO, at(1));
      await profiles.markWelcomed(LOFT, 'leo', at(2));
      await profiles.submitDraft(LOFT, 'ivy', { ...INTRO, role: 'Waiting for approval' }, at(2));
      await profiles.addSkills(LOFT, 'mia', 'offer', [skill('zines', 'Zines')], at(1));
      await profiles.noteManager(LOFT, 'mia', true, at(3));
      await profiles.publish(OTHER, 'zed', INTRO, at(1));
      await profiles.addSkills(OTHER, 'zed', 'offer', [skill('video')], at(1));

      const rows = await profiles.exportRows(LOFT);
      expect(Object.keys(rows).sort()).toEqual(['member_skills', 'profiles']);
      expect(rows.profiles).toEqual([
        {
          user_id: 'mia',
          role: 'Illustrator',
          working_on: INTRO.workingOn,
          links: JSON.stringify(INTRO.links),
          pronouns: INTRO.pronouns ?? null,
          fun_fact: INTRO.funFact ?? null,
          answers: JSON.stringify(INTRO.answers),
          status: 'approved',
          introduced_at: at(1).getTime(),
          updated_at: at(1).getTime(),
        },
      ]);
      expect(JSON.stringify(rows)).not.toContain('Waiting for approval');
      expect(rows.member_skills).toEqual([
        { user_id: 'mia', kind: 'offer', skill: 'zines', term: 'Zines', added_at: at(1).getTime() },
      ]);
      expect(await profiles.exportRows('shell:empty')).toEqual({ profiles: [], member_skills: [] });
    });
  });

  it('counts introductions, submissions waiting and distinct skills, without members who left', async () => {
    await run(async (profiles, core) => {
      await seed(core, { ana: 1, bea: 1, cy: 1, dee: 1 }, ['dee']);
      expect(await profiles.stats(LOFT)).toEqual({
        introduced: 0,
        awaitingApproval: 0,
        skillsOffered: 0,
        skillsNeeded: 0,
      });
      await profiles.publish(LOFT, 'ana', INTRO, at(1));
      await profiles.publish(LOFT, 'bea', INTRO, at(1));
      await profiles.submitDraft(LOFT, 'bea', EDITED, at(2)); // an edit waiting: bea is both
      await profiles.submitDraft(LOFT, 'cy', INTRO, at(2));
      await profiles.publish(LOFT, 'dee', INTRO, at(1));
      await profiles.submitDraft(LOFT, 'dee', EDITED, at(2));
      await profiles.submitDraft(LOFT, 'seeded', INTRO, at(2)); // no member row: counts
      await profiles.markWelcomed(LOFT, 'eve', at(2));
      await profiles.addSkills(LOFT, 'ana', 'offer', [skill('zines'), skill('video')], at(1));
      await profiles.addSkills(LOFT, 'bea', 'offer', [skill('zines')], at(1));
      await profiles.addSkills(LOFT, 'bea', 'need', [skill('video')], at(1));
      await profiles.addSkills(LOFT, 'dee', 'offer', [skill('sound')], at(1));
      await profiles.addSkills(LOFT, 'dee', 'need', [skill('pottery')], at(1));
      await profiles.addSkills(OTHER, 'zed', 'need', [skill('sound')], at(1));

      expect(await profiles.stats(LOFT)).toEqual({
        introduced: 1,
        awaitingApproval: 3,
        skillsOffered: 2,
        skillsNeeded: 1,
      });
    });
  });
});
