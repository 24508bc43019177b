/** Skills: supply against demand, with "Suggest a workshop" for skills many need and someone offers. */
import { displaySkill } from '../../skills/index.ts';
import type { PageDef } from './page.ts';

const LIMIT = 20;

export const skillsPage: PageDef = {
  slug: 'skills',
  title: 'Skills',
  async build(env) {
    const skills = await env.store.skillBalance(env.community.id, LIMIT);
    return {
      slug: 'skills',
      title: 'Skills',
      summary: 'What members want to learn against what they can teach: a gap is a workshop waiting to happen.',
      blocks: [
        {
          kind: 'chart',
          description: 'Skills by how many more members need them than offer them.',
          chart: { kind: 'bars', category: 'skill', series: ['needs', 'offers'] },
          table: {
            id: 'balance',
            title: 'Skills needed and offered',
            columns: [
              { key: 'skill', label: 'Skill' },
              { key: 'needs', label: 'Members who need it', unit: 'count' },
              { key: 'offers', label: 'Members who offer it', unit: 'count' },
            ],
            rows: skills.map((s) => [displaySkill(s.skill, s.term), s.needs, s.offers]),
            empty: 'Nobody has listed a skill yet.',
            rowAction: {
              label: 'Suggest a workshop',
              action: 'dashboard.workshop',
              // A workshop needs someone to learn and someone to teach.
              values: skills.map((s) => (s.needs > 0 && s.offers > 0 ? s.skill : null)),
            },
            note: 'Suggest a workshop sends you, by DM, a draft skill-share post and a button to plan it with a member who offers the skill.',
          },
        },
      ],
    };
  },
};
