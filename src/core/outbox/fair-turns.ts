/**
 * Whose turn it is inside one lane. A lane may carry many communities (one Discord bot in many servers): a
 * 1,000-DM round in one must not hold back a welcome DM in another. Communities with something due take turns,
 * one message each, round-robin in a fixed order; the most urgent priority goes first (interactive before bulk),
 * and turns are shared only among the communities that have something of that priority. Pure bookkeeping: the
 * lane tells it what it found due and what came up empty.
 */
import type { CommunityId } from '../ids.ts';

export class FairTurns {
  /** Each waiting community and the most urgent priority it has due, as last seen. */
  private readonly waiting = new Map<CommunityId, number>();
  private last: CommunityId | undefined;

  /** `community` has something due, `priority` the most urgent (a fresh look replaces what was known). */
  offer(community: CommunityId, priority: number): void {
    this.waiting.set(community, priority);
  }

  /** Nothing of `priority` is left for `community` (it leaves until it is offered again). */
  drop(community: CommunityId): void {
    this.waiting.delete(community);
  }

  /** Forgets every waiting community (the next look offers again what is still due). */
  clear(): void {
    this.waiting.clear();
  }

  get size(): number {
    return this.waiting.size;
  }

  /**
   * The next community to send one message for: among those with the most urgent priority, the first after the one
   * served last (in id order, wrapping around). `maxPriority` is how urgent its message must be not to jump ahead
   * of another community's (the most urgent priority any other waiting community has; Infinity when none).
   * Undefined when none waits.
   */
  next(): { community: CommunityId; maxPriority: number } | undefined {
    let best = Number.POSITIVE_INFINITY;
    for (const priority of this.waiting.values()) best = Math.min(best, priority);
    let first: CommunityId | undefined;
    let after: CommunityId | undefined;
    for (const [community, priority] of this.waiting) {
      if (priority !== best) continue;
      if (first === undefined || community < first) first = community;
      if (this.last !== undefined && community > this.last && (after === undefined || community < after)) {
        after = community;
      }
    }
    const community = after ?? first;
    if (community === undefined) return undefined;
    this.last = community;
    let maxPriority = Number.POSITIVE_INFINITY;
    for (const [other, priority] of this.waiting)
      if (other !== community) maxPriority = Math.min(maxPriority, priority);
    return { community, maxPriority };
  }
}
