/**
 * Which buttons Hallway offered, and to whom: every reply to a member (seen by that member only) and every message
 * delivered (a DM: its recipients; a channel post or its update: everyone in the community). The same action and
 * value offered in several places is offered to all of their audiences together (the RSVP buttons of a public card
 * are also in a promoted member's DM). The forged-actions sweep presses each one as members outside its audience.
 */
import type { CommunityId } from '#core/ids.ts';
import type { Button } from '#core/reply.ts';
import type { TestBot } from '../../support/test-bot.ts';

export interface Offer {
  readonly action: string;
  readonly value: string;
  readonly community: CommunityId;
  /** Offered in a channel: every member of the community saw it. */
  public: boolean;
  /** Members it was offered to (DMs, replies). */
  readonly to: Set<string>;
}

/** Offers by community, action and value. */
export class OfferLog {
  private readonly offers = new Map<string, Offer>();

  add(community: CommunityId, buttons: readonly Button[] | undefined, audience: 'public' | readonly string[]) {
    for (const { action, value } of buttons ?? []) {
      const key = JSON.stringify([community, action, value]);
      let offer = this.offers.get(key);
      if (!offer) {
        offer = { action, value, community, public: false, to: new Set() };
        this.offers.set(key, offer);
      }
      if (audience === 'public') offer.public = true;
      else for (const userId of audience) offer.to.add(userId);
    }
  }

  /** Everything offered in `community`, by action id, in the order first offered. */
  byAction(community: CommunityId): Map<string, Offer[]> {
    const out = new Map<string, Offer[]>();
    for (const offer of this.offers.values()) {
      if (offer.community !== community) continue;
      out.set(offer.action, [...(out.get(offer.action) ?? []), offer]);
    }
    return out;
  }

  /** Reads what the bot delivered so far (call once everything was drained). */
  readDeliveries(bot: TestBot): void {
    for (const d of bot.sent) {
      if (d.kind === 'dm') this.add(d.community, d.reply.buttons, d.to);
      else if (d.to[0]?.startsWith('dm:')) this.add(d.community, d.reply.buttons, d.to[0].slice(3).split(','));
      else this.add(d.community, d.reply.buttons, 'public');
    }
  }
}

/** Records the buttons of every reply the bot gives from now on, as offered to the member it answered. */
export function watchOffers(bot: TestBot): OfferLog {
  const log = new OfferLog();
  const dispatch = bot.dispatch.bind(bot);
  bot.dispatch = async (event) => {
    const reply = await dispatch(event);
    if (reply) log.add(event.actor.community, reply.buttons, [event.actor.userId]);
    return reply;
  };
  return log;
}
