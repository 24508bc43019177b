/**
 * The mentor round's assignment against a brute-force optimum: every way of giving each waiting mentee a mentor
 * (or none) within the mentors' room, scored as the round scores it — the most mentees matched, then the highest
 * total fit. Table cases show the shapes first-come gets wrong; a property covers thousands of small rounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignMentors } from '../../commands/mentorship/index.ts';

type Weights = (number | undefined)[][];

/** [matched, total fit] of an assignment, after checking it is allowed (edges exist, room respected). */
function value(weights: Weights, room: readonly number[], chosen: readonly number[]): [number, number] {
  const used = room.map(() => 0);
  let matched = 0;
  let total = 0;
  chosen.forEach((j, i) => {
    if (j < 0) return;
    const w = weights[i]![j];
    if (w === undefined) throw new Error(`mentee ${i} given mentor ${j} without a fit`);
    used[j]!++;
    matched++;
    total += w;
  });
  used.forEach((n, j) => {
    if (n > room[j]!) throw new Error(`mentor ${j} over room: ${n} > ${room[j]}`);
  });
  return [matched, total];
}

/** The best [matched, total] over every assignment. */
function bruteForce(weights: Weights, room: readonly number[]): [number, number] {
  let best: [number, number] = [0, 0];
  const left = [...room];
  const go = (i: number, matched: number, total: number) => {
    if (i === weights.length) {
      if (matched > best[0] || (matched === best[0] && total > best[1])) best = [matched, total];
      return;
    }
    go(i + 1, matched, total);
    weights[i]!.forEach((w, j) => {
      if (w === undefined || left[j]! <= 0) return;
      left[j]!--;
      go(i + 1, matched + 1, total + w);
      left[j]!++;
    });
  };
  go(0, 0, 0);
  return best;
}

const _ = undefined;

describe('assignMentors', () => {
  it.each<[string, Weights, number[]]>([
    ['nobody waiting', [], [1, 2]],
    ['no mentors', [[], []], []],
    ['one mentor with room for two, three mentees', [[100], [80], [90]], [2]],
    // First-come gives mentor 0 to mentee 0, leaving mentee 1 without anyone: the optimum matches both.
    [
      'first-come would strand a mentee',
      [
        [100, 60],
        [90, _],
      ],
      [1, 1],
    ],
    // Two matches at lower fit beat one at the highest fit.
    [
      'more matched beats a better single fit',
      [
        [500, _],
        [400, 50],
      ],
      [1, 1],
    ],
    [
      'a mentor without room takes nobody',
      [
        [100, 50],
        [100, 50],
      ],
      [0, 2],
    ],
    [
      'capacities',
      [
        [100, 80, _],
        [100, 80, 60],
        [100, _, _],
        [_, 90, 60],
        [100, 100, 100],
      ],
      [2, 1, 1],
    ],
    [
      'nobody fits',
      [
        [_, _],
        [_, _],
      ],
      [3, 3],
    ],
  ])('%s: matches the brute-force optimum', (_name, weights, room) => {
    const chosen = assignMentors(weights, room);
    expect(chosen).toHaveLength(weights.length);
    expect(value(weights, room, chosen)).toEqual(bruteForce(weights, room));
  });

  it('matches the brute-force optimum on thousands of small random rounds', () => {
    const round = fc
      .record({ mentees: fc.integer({ min: 0, max: 6 }), mentors: fc.integer({ min: 0, max: 4 }) })
      .chain(({ mentees, mentors }) =>
        fc.record({
          weights: fc.array(
            fc.array(fc.option(fc.integer({ min: 0, max: 135 }), { nil: undefined, freq: 3 }), {
              minLength: mentors,
              maxLength: mentors,
            }),
            { minLength: mentees, maxLength: mentees },
          ),
          room: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: mentors, maxLength: mentors }),
        }),
      );
    fc.assert(
      fc.property(round, ({ weights, room }) => {
        const chosen = assignMentors(weights, room);
        expect(value(weights, room, chosen)).toEqual(bruteForce(weights, room));
      }),
      { seed: 16, numRuns: 3_000 },
    );
  });

  it('handles a round of 200 mentees and 60 mentors quickly', () => {
    const weights: Weights = Array.from({ length: 200 }, (_row, i) =>
      Array.from({ length: 60 }, (_col, j) => ((i * 7 + j * 13) % 5 === 0 ? _ : (i * 31 + j * 17) % 136)),
    );
    const room = Array.from({ length: 60 }, (_r, j) => 1 + (j % 5));
    const started = performance.now();
    const chosen = assignMentors(weights, room);
    expect(performance.now() - started).toBeLessThan(2_000);
    // 180 places for 200 mentees: every place is filled.
    expect(value(weights, room, chosen)[0]).toBe(180);
  });
});
