/** The weekly round planned in a worker thread gives the same plan as on the main thread. */
import { describe, expect, it } from 'vitest';
import { planRound } from '../../../commands/matching/round-plan.ts';
import type { MatchMember } from '../../../commands/matching/store.ts';
import { planRoundInWorker } from '../../../src/runtime/round-worker.ts';

const now = new Date('2026-11-16T09:00:00Z');
const member = (userId: string, offers: string[], needs: string[]): MatchMember => ({
  userId,
  displayName: userId,
  lastActiveAt: now,
  offers: offers.map((skill) => ({ skill, term: skill })),
  needs: needs.map((skill) => ({ skill, term: skill })),
});

const members = [
  member('ana', ['photography'], ['illustration']),
  member('ben', ['illustration'], ['photography']),
  member('cleo', ['copywriting'], ['web-design']),
  member('dev', ['web-design'], ['copywriting']),
  member('eli', ['photography', 'copywriting'], ['illustration']),
];

describe('planRoundInWorker', () => {
  it('plans the same groups, reasons and scores as planRound', async () => {
    const input = { members, met: [], avoid: [['ana', 'eli']] as [string, string][], now, windowWeeks: 12, seed: 3 };
    const inWorker = await planRoundInWorker(input);
    const direct = await planRound(input);
    expect(inWorker).toEqual(direct);
    expect(inWorker.groups.flatMap((g) => g.members).sort()).toEqual(['ana', 'ben', 'cleo', 'dev', 'eli']);
  });

  it('rejects when the round cannot be planned', async () => {
    const broken = {
      members: [{ userId: 'x' }] as unknown as MatchMember[],
      met: [],
      avoid: [],
      now,
      windowWeeks: 12,
      seed: 1,
    };
    await expect(planRoundInWorker(broken)).rejects.toThrow();
  });
});
