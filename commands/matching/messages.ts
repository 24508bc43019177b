/** Every message the matching feature sends, in one place so the wording stays consistent. */
import type { MatchMember } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { describeMember, joinAnd } from './explain.ts';

// Titles stay plain text: Slack headers and Discord embed titles cannot show mentions.

/** A suggestion DM: who, why, and the two buttons (values carry the suggestion id). */
export function suggestionMessage(suggestionId: number, other: string, reason: string, rank: number): Reply {
  return {
    title: `Suggestion ${rank}`,
    text: `You could meet ${fmt.user(other)}.`,
    sections: [{ text: reason }],
    buttons: [
      { label: 'Introduce us', action: 'match.introduce', value: String(suggestionId), style: 'primary' },
      { label: 'Not now', action: 'match.dismiss', value: String(suggestionId) },
    ],
    mentions: [],
  };
}

/** The group DM that introduces members to each other: a line about each. */
export function introMessage(members: readonly MatchMember[], reason?: string): Reply {
  const ids = members.map((m) => m.userId);
  const lines = members.map((m) => `${fmt.user(m.userId)} ${describeMember(m)}.`);
  return {
    title: 'An introduction',
    text: `Meet ${joinAnd(ids.map((id) => fmt.user(id)))}: Hallway thinks you should talk.${reason ? ` ${reason}` : ''}`,
    sections: [{ text: lines.join('\n') }],
    context: 'Say hi here — a short call or coffee is a great start.',
    mentions: ids,
  };
}

/** A member's DM for a weekly round. */
export function roundMessage(pairingId: number, me: string, others: readonly string[], reason: string): Reply {
  const who = joinAnd(others.map((o) => fmt.user(o)));
  return {
    title: others.length > 1 ? 'Your trio this week' : 'Your match this week',
    text: others.length > 1 ? `This week you're a trio with ${who}.` : `This week you're matched with ${who}.`,
    sections: [{ text: reason }],
    context: `Reach out and find a time to talk. ${fmt.code('/match pause')} takes a break from weekly rounds.`,
    buttons: [
      { label: 'Open a group chat', action: 'match.group', value: String(pairingId), style: 'primary' },
      { label: "Can't this week", action: 'match.skip', value: String(pairingId) },
    ],
    mentions: [me],
  };
}

/** "Did you meet?" a few days after a pairing. */
export function followUpMessage(pairingId: number, others: readonly string[]): Reply {
  return {
    text: `Did you get to meet ${joinAnd(others.map((o) => fmt.user(o)))}?`,
    buttons: [
      { label: 'Yes', action: 'match.met', value: `${pairingId}:yes`, style: 'primary' },
      { label: 'Not yet', action: 'match.met', value: `${pairingId}:not_yet` },
      { label: 'No', action: 'match.met', value: `${pairingId}:no` },
    ],
    mentions: [],
  };
}

/** Asked after a "Yes". */
export function collaborationQuestion(pairingId: number): Reply {
  return {
    text: 'Great! Are you working on something together?',
    buttons: [
      { label: 'Yes', action: 'match.collab', value: `${pairingId}:yes`, style: 'primary' },
      { label: 'Not (yet)', action: 'match.collab', value: `${pairingId}:no` },
    ],
    replaceOriginal: true,
    mentions: [],
  };
}

/** The friendly note to a member paused after three unanswered rounds. */
export function pausedForSilenceMessage(): Reply {
  return {
    text:
      "You've had three weekly matches in a row without a reply, so I've paused your weekly matches — no hard " +
      `feelings! Whenever you want them back, send ${fmt.code('/match resume')}.`,
    mentions: [],
  };
}
