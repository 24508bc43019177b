/**
 * Every repository method, classified, with arguments that aim at community B while naming community A's things
 * (its members, meetups, requests, pairings…). `read`: must find nothing; `write`: must leave A untouched;
 * `global`: not scoped to a community by design (the outbox drainer serves every community and works by row id;
 * the scheduler lists communities). The isolation test fails on any method missing here.
 */
import type { CommunityId } from '#core/ids.ts';

export interface Fixture {
  /** The empty community every call names. */
  readonly B: CommunityId;
  readonly user: string;
  readonly other: string;
  readonly name: string;
  readonly meetup: number;
  readonly series: number;
  readonly request: number;
  readonly pairing: number;
  readonly round: number;
  readonly suggestion: number;
  readonly ref: string;
  readonly job: string;
  readonly period: string;
  readonly skill: string;
  readonly from: Date;
  readonly to: Date;
}

type Args = (f: Fixture) => unknown[];
export type MethodEntry =
  | { kind: 'read'; args: Args; expect?: (result: unknown) => boolean }
  | { kind: 'write'; args: Args }
  | { kind: 'global'; why: string };

/** Nothing found: undefined, empty lists, zeros, false, or objects and arrays made only of those. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === 0 || value === false || value === '') return true;
  if (Array.isArray(value)) return value.every(isEmpty);
  if (value instanceof Date) return false;
  if (typeof value === 'object') return Object.values(value as object).every(isEmpty);
  return false;
}

const read = (args: Args, expect?: (result: unknown) => boolean): MethodEntry => ({ kind: 'read', args, expect });
const write = (args: Args): MethodEntry => ({ kind: 'write', args });
const global = (why: string): MethodEntry => ({ kind: 'global', why });
const BY_ID = 'the drainer works by outbox row id, for every community';
const skills = (f: Fixture) => [{ skill: f.skill, term: f.skill }];
const meetupFields = (f: Fixture) => ({
  title: 'x',
  startsAt: f.to,
  endsAt: new Date(f.to.getTime() + 1),
  hostUserId: f.user,
});

export const REPO_METHODS: Record<string, MethodEntry> = {
  'communities.ensure': write((f) => [f.B, f.from]),
  'communities.get': read((f) => [f.B]),
  'communities.saveSettings': write((f) => [f.B, { timezone: 'Europe/Paris' }]),
  'communities.list': global('the scheduler walks every community'),

  'members.touch': write((f) => [f.B, f.user, 'Hijack', f.from]),
  'members.get': read((f) => [f.B, f.user]),
  'members.findByName': read((f) => [f.B, f.name]),
  'members.markJoined': write((f) => [f.B, f.user, 'Hijack', f.from]),
  'members.markLeft': write((f) => [f.B, f.user, f.from]),
  'members.setDmUnreachable': write((f) => [f.B, f.user, true]),
  'members.markDmNoticeShown': write((f) => [f.B, f.user]),
  'members.setTimezone': write((f) => [f.B, f.user, 'Asia/Tokyo']),
  'members.listActive': read((f) => [f.B]),
  'members.delete': write((f) => [f.B, f.user]),

  'jobRuns.claim': write((f) => [f.job, f.B, f.period, f.from]),
  'jobRuns.lastPeriod': read((f) => [f.job, f.B]),

  'outbox.enqueue': write((f) => [
    {
      community: f.B,
      key: `welcome:${f.user}`,
      target: { kind: 'dm', userIds: [f.user] },
      reply: { text: 'x' },
      notBefore: f.from,
      now: f.from,
    },
  ]),
  'outbox.claimDue': global(BY_ID),
  'outbox.markSent': global(BY_ID),
  'outbox.markRetry': global(BY_ID),
  'outbox.markFailed': global(BY_ID),
  'outbox.recoverInFlight': global('run once at start-up for the whole process'),
  'outbox.counts': read((f) => [f.B]),
  'outbox.nextDue': global('per platform lane, for every community'),
  'outbox.get': global(BY_ID),
  'outbox.list': read((f) => [f.B]),
  'outbox.deleteForMember': write((f) => [f.B, f.user]),

  'messageRefs.save': write((f) => [f.B, f.ref, { channelId: 'C0HIJACK', messageId: '1' }]),
  'messageRefs.get': read((f) => [f.B, f.ref]),
  'messageRefs.rename': write((f) => [f.B, f.ref, 'hijacked']),
  'messageRefs.deleteForMember': write((f) => [f.B, f.user]),
  'inboundEvents.firstSight': write((f) => [f.B, 'event-1', f.from]),

  'profiles.get': read((f) => [f.B, f.user]),
  'profiles.markWelcomed': write((f) => [f.B, f.user, f.from]),
  'profiles.submitDraft': write((f) => [f.B, f.user, { role: 'x', workingOn: 'x', links: [], answers: [] }, f.from]),
  'profiles.publish': write((f) => [f.B, f.user, { role: 'x', workingOn: 'x', links: [], answers: [] }, f.from]),
  'profiles.reject': write((f) => [f.B, f.user, f.from, f.other]),
  'profiles.markCardPosted': write((f) => [f.B, f.user, f.from]),
  'profiles.markReminded': write((f) => [f.B, f.user, f.from]),
  'profiles.dueReminders': read((f) => [f.B, f.to, 100]),
  'profiles.awaitingCard': read((f) => [f.B, 100]),
  'profiles.pending': read((f) => [f.B, 100]),
  'profiles.countPending': read((f) => [f.B]),
  'profiles.stats': read((f) => [f.B]),
  'meetups.stats': read((f) => [f.B, f.to]),
  'feedback.stats': read((f) => [f.B]),
  'profiles.skills': read((f) => [f.B, f.user, 'offer']),
  'profiles.addSkills': write((f) => [f.B, f.user, 'offer', skills(f), f.from]),
  'profiles.replaceSkills': write((f) => [f.B, f.user, 'offer', [], f.from]),
  'profiles.removeSkills': write((f) => [f.B, f.user, [f.skill]]),
  'profiles.findBySkill': read((f) => [f.B, f.skill, 'offer', 100, 0]),
  'profiles.countBySkill': read((f) => [f.B, f.skill, 'offer']),
  'profiles.complements': read((f) => [f.B, f.user, 100]),
  'profiles.knownSkills': read((f) => [f.B, '', 100]),
  'profiles.noteManager': write((f) => [f.B, f.user, false, f.from]),
  'profiles.managers': read((f) => [f.B]),
  'profiles.deleteMember': write((f) => [f.B, f.user]),
  'profiles.exportRows': read((f) => [f.B]),

  'matching.participants': read((f) => [f.B, f.from]),
  'matching.member': read((f) => [f.B, f.user]),
  'matching.members': read((f) => [f.B, [f.user, f.other]]),
  // Default preferences (not paused, not opted in) for a member B never saw.
  'matching.prefs': read((f) => [f.B, f.user]),
  'matching.pause': write((f) => [f.B, f.user, undefined, 'member', f.from]),
  'matching.resume': write((f) => [f.B, f.user, f.from]),
  'matching.setIgnoredStreak': write((f) => [f.B, f.user, 9, f.from]),
  'matching.addAvoid': write((f) => [f.B, f.user, f.other, f.from]),
  'matching.removeAvoid': write((f) => [f.B, f.user, f.other]),
  'matching.avoids': read((f) => [f.B, f.user]),
  'matching.avoidPairs': read((f) => [f.B]),
  'matching.metSince': read((f) => [f.B, f.from]),
  'matching.createRound': write((f) => [
    f.B,
    { period: f.period, members: 2, totalScore: 1, repeats: 0, leftOut: 0 },
    f.from,
  ]),
  'matching.lastRound': read((f) => [f.B]),
  'matching.addPairing': write((f) => [
    f.B,
    { roundId: f.round, kind: 'round', score: 1, members: [f.user, f.other] },
    f.from,
  ]),
  'matching.pairing': read((f) => [f.B, f.pairing]),
  'matching.roundPairings': read((f) => [f.B, f.round]),
  'matching.pairingsOf': read((f) => [f.B, f.user, 100]),
  'matching.markResponded': write((f) => [f.B, f.pairing, f.user, f.from]),
  'matching.recordMet': write((f) => [f.B, f.pairing, f.user, 'no', f.from]),
  'matching.recordCollaborating': write((f) => [f.B, f.pairing, f.user, false, f.from]),
  'matching.dueFollowUps': read((f) => [f.B, f.to, 100]),
  'matching.markFollowUpSent': write((f) => [f.B, f.pairing, f.from]),
  'matching.addSuggestion': write((f) => [f.B, f.user, f.other, 1, f.from]),
  'matching.suggestion': read((f) => [f.B, f.suggestion]),
  'matching.decideSuggestion': write((f) => [f.B, f.suggestion, 'dismissed', f.from]),
  'matching.dismissedSince': read((f) => [f.B, f.user, f.from]),
  'matching.outcomes': read((f) => [f.B, f.from]),
  'matching.forget': write((f) => [f.B, f.user]),
  'matching.exportRows': read((f) => [f.B]),
  // The matcher's in-memory index (matching-index.repo.ts): scans return how many rows they visited.
  'matching.scanIndex': read((f) => [f.B, undefined, () => {}]),
  'matching.scanIndexPage': read((f) => [f.B, undefined, 100, () => {}]),
  'matching.indexHead': read((f) => [f.B]),
  'matching.indexChanges': read((f) => [f.B, undefined]),
  'matching.avoidsEither': read((f) => [f.B, f.user]),
  'matching.partnersSince': read((f) => [f.B, f.user, f.from]),
  'matching.scanMet': read((f) => [f.B, f.from, 0, 100, () => {}]),
  'matching.roundAnswers': read((f) => [f.B, f.round]),

  'meetups.createSeries': write((f) => [
    { community: f.B, repeat: 'weekly', timezone: 'UTC', firstStartsAt: f.to, createdBy: f.user, createdAt: f.from },
  ]),
  'meetups.getSeries': read((f) => [f.B, f.series]),
  'meetups.listActiveSeries': read((f) => [f.B]),
  'meetups.endSeries': write((f) => [f.B, f.series]),
  'meetups.create': write((f) => [{ ...meetupFields(f), community: f.B, seriesId: f.series, now: f.from }]),
  'meetups.get': read((f) => [f.B, f.meetup]),
  'meetups.update': write((f) => [f.B, f.meetup, meetupFields(f)]),
  'meetups.setStatus': write((f) => [f.B, f.meetup, 'cancelled']),
  'meetups.setCardChannel': write((f) => [f.B, f.meetup, 'C0HIJACK']),
  'meetups.bumpCardVersion': write((f) => [f.B, f.meetup]),
  'meetups.listUpcoming': read((f) => [f.B, f.from, 100]),
  'meetups.listStartingBetween': read((f) => [f.B, f.from, f.to]),
  'meetups.listEndedBetween': read((f) => [f.B, f.from, f.to]),
  'meetups.listSeries': read((f) => [f.B, f.series, f.from]),
  'meetups.latestInSeries': read((f) => [f.B, f.series]),
  'meetups.getRsvp': read((f) => [f.B, f.meetup, f.other]),
  'meetups.listRsvps': read((f) => [f.B, f.meetup]),
  'meetups.saveRsvp': write((f) => [f.B, { meetupId: f.meetup, userId: f.other, status: 'no', respondedAt: f.from }]),
  // The first free waitlist position of a meetup B does not have: the same as for an empty waitlist.
  'meetups.nextWaitlistPosition': read(
    (f) => [f.B, f.meetup],
    (n) => n === 1 || n === 0,
  ),
  'meetups.listMemberRsvps': read((f) => [f.B, f.other, f.from]),
  'meetups.recordReminder': write((f) => [
    f.B,
    { meetupId: f.meetup, userId: f.other, kind: '24h', revision: 0 },
    f.from,
  ]),
  // "On unless turned off": true for a member B never saw.
  'meetups.remindersEnabled': read(
    (f) => [f.B, f.user],
    (on) => on === true,
  ),
  'meetups.setRemindersEnabled': write((f) => [f.B, f.user, false, f.from]),
  'meetups.saveRating': write((f) => [f.B, f.meetup, f.user, 1, f.from]),
  'meetups.saveRatingComment': write((f) => [f.B, f.meetup, f.user, 'hijack']),
  'meetups.ratingSummary': read((f) => [f.B, f.meetup]),
  'meetups.newestMembers': read((f) => [f.B, f.from, 100]),
  'meetups.skillShareIdeas': read((f) => [f.B, 1, 100]),
  'meetups.forgetMember': write((f) => [f.B, f.user]),
  'meetups.exportRows': read((f) => [f.B]),

  'feedback.createRequest': write((f) => [
    { community: f.B, requester: f.user, about: 'x', skills: [f.skill], now: f.from },
  ]),
  'feedback.getRequest': read((f) => [f.B, f.request]),
  'feedback.setRequestStatus': write((f) => [
    f.B,
    f.request,
    ['open', 'fulfilled', 'offered_publicly', 'expired'],
    'cancelled',
  ]),
  'feedback.listRequestsBy': read((f) => [
    f.B,
    f.user,
    ['open', 'fulfilled', 'expired', 'cancelled', 'offered_publicly'],
  ]),
  'feedback.listOverdueRequests': read((f) => [f.B, f.to]),
  'feedback.addAsk': write((f) => [f.B, f.request, f.other, 'accepted', f.from]),
  'feedback.getAsk': read((f) => [f.B, f.request, f.user]),
  'feedback.listAsks': read((f) => [f.B, f.request]),
  'feedback.listAsksFor': read((f) => [f.B, f.user, ['asked', 'accepted', 'declined', 'timed_out', 'given']]),
  'feedback.answerAsk': write((f) => [
    f.B,
    f.request,
    f.user,
    ['asked', 'accepted', 'declined', 'timed_out', 'given'],
    'declined',
    f.from,
  ]),
  'feedback.setAskNote': write((f) => [f.B, f.request, f.user, 'hijack']),
  'feedback.listUnansweredAsks': read((f) => [f.B, f.to]),
  'feedback.offerersOf': read((f) => [f.B, f.skill, 0, 50]),
  'feedback.reviewerLoads': read((f) => [f.B, [f.user, f.other], f.from]),
  'feedback.memberSkills': read((f) => [f.B, f.user, 'offer']),
  'feedback.addRating': write((f) => [f.B, f.request, f.user, 1, f.from]),
  'feedback.getRating': read((f) => [f.B, f.request, f.user]),
  'feedback.setThanks': write((f) => [f.B, f.request, f.user, 'hijack']),
  'feedback.countRatedGiven': read((f) => [f.B, f.user, 1]),
  'feedback.setOptOut': write((f) => [f.B, f.user, 'asks', true, f.from]),
  'feedback.optOuts': read((f) => [f.B, f.user]),
  'feedback.forgetMember': write((f) => [f.B, f.user]),
  'feedback.exportAll': read((f) => [f.B]),
};
