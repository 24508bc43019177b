/**
 * The creative-loft demo: the neighbours from the article this product grew from, and a few more, each set up
 * through the same commands a real member would type, so the demo exercises the real flows.
 */
import type { CommunityId } from '#core/ids.ts';
import type { Dispatch } from '#core/inbound.ts';
import { toPlain } from '#core/text.ts';
import { shellActor } from './to-inbound.ts';

interface DemoMember {
  readonly id: string;
  readonly offers: string;
  readonly needs: string;
}

export const DEMO_MEMBERS: readonly DemoMember[] = [
  { id: 'emma', offers: 'graphic design, layout design, branding', needs: 'photography' },
  { id: 'lucas', offers: 'photography, photo editing', needs: 'layout design, graphic design' },
  { id: 'mia', offers: 'writing, copywriting, storytelling', needs: 'videography, video editing' },
  { id: 'raj', offers: 'videography, video editing', needs: 'scriptwriting, writing' },
  { id: 'ana', offers: 'screen printing, printmaking', needs: 'web design' },
  { id: 'theo', offers: 'web design, web development', needs: 'illustration' },
  { id: 'zoe', offers: 'illustration, animation', needs: 'screen printing, marketing' },
];

const SETUP = '/hallway config intro-channel:intros meetup-channel:events feedback-channel:feedback presence:on';

/** The loft's shared things: the host's risograph (with a training) and photo studio, and Lucas's tripod to lend. */
const LIBRARY: readonly (readonly [string, string])[] = [
  [
    'host',
    '/resource add name:Risograph kind:equipment where:"Print room" bookable:yes training:yes description:"A3, two drums: black and fluo pink"',
  ],
  [
    'host',
    '/resource add name:"Photo studio" kind:space where:"Second floor" description:"Backdrops and two softboxes"',
  ],
  ['host', '/resource train @lucas Risograph'],
  ['lucas', '/resource add name:Tripod kind:equipment description:"Manfrotto, up to 1.8 m"'],
];

/** Loads the demo through dispatch; returns a summary for the terminal. Safe to run twice (lists are deduplicated). */
export async function loadDemo(dispatch: Dispatch, community: CommunityId): Promise<string> {
  const failures: string[] = [];
  const run = async (userId: string, line: string) => {
    const [command = '', ...rest] = line.slice(1).split(' ');
    const actor = shellActor(community, userId, userId === 'host');
    const reply = await dispatch({
      kind: 'command',
      actor,
      channelId: 'general',
      command,
      input: { kind: 'text', text: rest.join(' ') },
    });
    if (reply && /sorry|don't know|cannot|can't/i.test(toPlain(reply.text)))
      failures.push(`${line}: ${toPlain(reply.text)}`);
  };
  await run('host', SETUP);
  for (const m of DEMO_MEMBERS) {
    await run(m.id, `/skills offer ${m.offers}`);
    await run(m.id, `/skills need ${m.needs}`);
  }
  for (const [userId, line] of LIBRARY) await run(userId, line);
  // A mentor, and a morning in the loft: Emma and Lucas, who complement each other, are both in.
  await run('raj', '/mentor offer skills:"video editing" capacity:2 note:"Happy to look at your first cuts"');
  await run('emma', '/here where:"Studio 2"');
  await run('lucas', '/here where:Darkroom');
  const names = DEMO_MEMBERS.map((m) => m.id.charAt(0).toUpperCase() + m.id.slice(1)).join(', ');
  if (failures.length) return `The demo loaded with problems:\n${failures.join('\n')}`;
  return [
    `The creative loft is open: ${names} have set their skills, and channels #intros, #events and #feedback are set.`,
    "The library holds the risograph, the photo studio and Lucas's tripod; Raj mentors video editing; and this morning Emma and Lucas are both in.",
    'Try: /as emma then /match or /here who, /resource list, /as mia then /mentor find skill:"video editing", or (as host) /hallway run match-round.',
  ].join('\n');
}
