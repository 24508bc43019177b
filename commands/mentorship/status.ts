/** `/mentor status` and the home section: your mentoring, your mentorships and requests, both ways. */
import type { Reply, Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import type { Context } from './kit.ts';
import { mentorLabel } from './mentor-checks.ts';
import { wantedText } from './messages.ts';
import type { MentorOffer, Mentorship } from './store.ts';

function offerLine(offer: MentorOffer | undefined): string {
  if (!offer) return 'You are not mentoring. Offer it with /mentor offer skills:"…".';
  const state = offer.paused ? ' (paused: /mentor resume)' : '';
  return `You mentor ${mentorLabel(offer)}: ${offer.active} of ${offer.capacity} places taken${state}.`;
}

function withWhom(m: Mentorship, me: string, zone: string): string {
  const since = `since ${formatInZone(m.startedAt, zone, 'date')}`;
  return m.mentorId === me
    ? `• You mentor ${fmt.user(m.menteeId)} in ${wantedText(m)} (${since})`
    : `• ${fmt.user(m.mentorId)} mentors you in ${wantedText(m)} (${since})`;
}

export async function statusSections(ctx: Context): Promise<Section[]> {
  const { store, community, actor } = ctx;
  const me = actor.userId;
  const offer = await store.offer(community.id, me);
  const lines = [offerLine(offer)];
  for (const { request } of await store.pendingAsksFor(community.id, me)) {
    lines.push(`• ${fmt.user(request.menteeId)} asked you about ${wantedText(request)}: answer in my DM.`);
  }
  for (const m of await store.mentorshipsOf(community.id, me, ['active']))
    lines.push(withWhom(m, me, community.timezone));
  const open = await store.openRequestOf(community.id, me);
  if (open) {
    const asked = (await store.asksOf(community.id, open.id)).find((a) => a.status === 'asked');
    const where = asked ? `waiting for ${fmt.user(asked.mentorId)}'s answer` : 'waiting for the mentor round';
    lines.push(`• Your request for ${wantedText(open)}: ${where} (/mentor end withdraws it).`);
  }
  const completed = await store.completedCount(community.id, me);
  return [
    {
      text: lines.join('\n'),
      fields: completed ? [{ label: 'Mentorships completed as mentor', value: String(completed) }] : undefined,
    },
  ];
}

export async function mentorStatus(ctx: Context): Promise<Reply> {
  return {
    title: 'Mentorship',
    text: 'Your mentoring, and your mentorships both ways:',
    sections: await statusSections(ctx),
  };
}

export async function mentorshipHome(ctx: Context): Promise<Section[]> {
  const [first] = await statusSections(ctx);
  return [{ ...first, text: `${fmt.bold('Mentorship')}\n${first?.text ?? ''}` }];
}
