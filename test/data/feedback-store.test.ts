/** The feedback store on the run's database: requests, asks, ratings, opt-outs, stats, a member's data. */
import { describe, expect, it } from 'vitest';
import { daysAgo, daysAhead, freshStorageEachTest, LOFT, NOW, request, run, STUDIO } from './feedback-fixtures.ts';

freshStorageEachTest();

describe('requests', () => {
  it('stores a request and reads it back, only in its community', async () => {
    const created = await run(
      async (f) =>
        await f.createRequest({
          community: LOFT,
          requester: 'zoe',
          about: 'Zine cover',
          link: 'https://example.com/cover',
          skills: ['illustration', 'typography'],
          dueAt: daysAhead(3),
          now: NOW,
        }),
    );
    expect(created).toEqual({
      id: expect.any(Number),
      community: LOFT,
      requester: 'zoe',
      about: 'Zine cover',
      link: 'https://example.com/cover',
      skills: ['illustration', 'typography'],
      dueAt: daysAhead(3),
      status: 'open',
      createdAt: NOW,
    });
    const bare = await request('yan');
    await run(async (f) => {
      expect(await f.getRequest(LOFT, created.id)).toEqual(created);
      expect(await f.getRequest(LOFT, bare.id)).toMatchObject({ link: undefined, dueAt: undefined });
      expect(await f.getRequest(STUDIO, created.id)).toBeUndefined();
      expect(await f.getRequest(LOFT, 999_999)).toBeUndefined();
    });
  });

  it('changes a status only from the given ones (a double click has one effect)', async () => {
    const r = await request('zoe');
    await run(async (f) => {
      expect(await f.setRequestStatus(STUDIO, r.id, ['open'], 'cancelled')).toBe(false);
      expect(await f.setRequestStatus(LOFT, r.id, [], 'cancelled')).toBe(false);
      expect(await f.setRequestStatus(LOFT, r.id, ['open', 'offered_publicly'], 'fulfilled')).toBe(true);
      expect(await f.setRequestStatus(LOFT, r.id, ['open', 'offered_publicly'], 'fulfilled')).toBe(false);
      expect((await f.getRequest(LOFT, r.id))?.status).toBe('fulfilled');
    });
  });

  it('lists a member’s requests by status, newest first', async () => {
    const first = await request('zoe', daysAgo(3));
    const second = await request('zoe', daysAgo(2));
    const third = await request('zoe', daysAgo(1));
    await request('yan');
    await run(async (f) => {
      await f.setRequestStatus(LOFT, second.id, ['open'], 'expired');
      const open = await f.listRequestsBy(LOFT, 'zoe', ['open']);
      expect(open.map((r) => r.id)).toEqual([third.id, first.id]);
      const all = await f.listRequestsBy(LOFT, 'zoe', ['open', 'expired']);
      expect(all.map((r) => r.id)).toEqual([third.id, second.id, first.id]);
      expect(await f.listRequestsBy(LOFT, 'zoe', [])).toEqual([]);
      expect(await f.listRequestsBy(STUDIO, 'zoe', ['open'])).toEqual([]);
    });
  });

  it('lists open requests whose deadline has come, earliest first', async () => {
    const later = await request('zoe', daysAgo(5), { dueAt: daysAgo(1) });
    const earlier = await request('yan', daysAgo(5), { dueAt: daysAgo(2) });
    const onTheDot = await request('xia', daysAgo(5), { dueAt: NOW });
    await request('wu', daysAgo(5), { dueAt: daysAhead(1) });
    await request('vi', daysAgo(5));
    const closed = await request('uma', daysAgo(5), { dueAt: daysAgo(3) });
    await run(async (f) => {
      await f.setRequestStatus(LOFT, closed.id, ['open'], 'cancelled');
      const overdue = await f.listOverdueRequests(LOFT, NOW);
      expect(overdue.map((r) => r.id)).toEqual([earlier.id, later.id, onTheDot.id]);
      expect(await f.listOverdueRequests(STUDIO, NOW)).toEqual([]);
    });
  });
});

describe('asks', () => {
  it('records one ask per reviewer and request, only on a request of the community', async () => {
    const r = await request('zoe', daysAgo(1));
    await run(async (f) => {
      expect(await f.addAsk(LOFT, r.id, 'ana', 'asked', daysAgo(1))).toBe(true);
      expect(await f.addAsk(LOFT, r.id, 'ana', 'accepted', NOW)).toBe(false);
      expect(await f.addAsk(LOFT, r.id, 'bo', 'accepted', NOW)).toBe(true);
      expect(await f.addAsk(STUDIO, r.id, 'cy', 'asked', NOW)).toBe(false);
      expect(await f.getAsk(LOFT, r.id, 'ana')).toEqual({
        requestId: r.id,
        reviewer: 'ana',
        status: 'asked',
        askedAt: daysAgo(1),
        answeredAt: undefined,
        note: undefined,
      });
      // A volunteer's ask is accepted when made.
      expect(await f.getAsk(LOFT, r.id, 'bo')).toMatchObject({ status: 'accepted', answeredAt: NOW });
      expect(await f.getAsk(STUDIO, r.id, 'ana')).toBeUndefined();
      expect(await f.getAsk(LOFT, r.id, 'cy')).toBeUndefined();
      expect((await f.listAsks(LOFT, r.id)).map((a) => a.reviewer)).toEqual(['ana', 'bo']);
      expect(await f.listAsks(STUDIO, r.id)).toEqual([]);
    });
  });

  it('answers an ask once, from the given statuses, keeping or setting the note', async () => {
    const r = await request('zoe', daysAgo(1));
    await run(async (f) => {
      await f.addAsk(LOFT, r.id, 'ana', 'asked', daysAgo(1));
      expect(await f.answerAsk(STUDIO, r.id, 'ana', ['asked'], 'accepted', NOW)).toBe(false);
      expect(await f.answerAsk(LOFT, r.id, 'ana', [], 'accepted', NOW)).toBe(false);
      expect(await f.answerAsk(LOFT, r.id, 'ana', ['asked'], 'accepted', daysAgo(0.5))).toBe(true);
      expect(await f.answerAsk(LOFT, r.id, 'ana', ['asked'], 'declined', NOW)).toBe(false);
      expect(await f.answerAsk(LOFT, r.id, 'ana', ['accepted'], 'given', NOW, 'Lovely colours')).toBe(true);
      expect(await f.getAsk(LOFT, r.id, 'ana')).toMatchObject({
        status: 'given',
        answeredAt: NOW,
        note: 'Lovely colours',
      });
      // Without a note, an earlier one stays.
      expect(await f.answerAsk(LOFT, r.id, 'ana', ['given'], 'given', daysAhead(1))).toBe(true);
      expect(await f.getAsk(LOFT, r.id, 'ana')).toMatchObject({ answeredAt: daysAhead(1), note: 'Lovely colours' });
    });
  });

  it('sets the note of a given ask once', async () => {
    const r = await request('zoe', daysAgo(1));
    await run(async (f) => {
      await f.addAsk(LOFT, r.id, 'ana', 'accepted', daysAgo(1));
      expect(await f.setAskNote(LOFT, r.id, 'ana', 'Too early')).toBe(false);
      await f.answerAsk(LOFT, r.id, 'ana', ['accepted'], 'given', NOW);
      expect(await f.setAskNote(STUDIO, r.id, 'ana', 'Hijack')).toBe(false);
      expect(await f.setAskNote(LOFT, r.id, 'ana', 'Nice work')).toBe(true);
      expect(await f.setAskNote(LOFT, r.id, 'ana', 'Second thoughts')).toBe(false);
      expect((await f.getAsk(LOFT, r.id, 'ana'))?.note).toBe('Nice work');
    });
  });

  it('lists a reviewer’s asks with their requests, newest first', async () => {
    const first = await request('zoe', daysAgo(3));
    const second = await request('yan', daysAgo(2));
    const third = await request('xia', daysAgo(1));
    await run(async (f) => {
      await f.addAsk(LOFT, first.id, 'ana', 'asked', daysAgo(3));
      await f.addAsk(LOFT, second.id, 'ana', 'asked', daysAgo(2));
      await f.addAsk(LOFT, third.id, 'ana', 'accepted', daysAgo(1));
      await f.addAsk(LOFT, third.id, 'bo', 'asked', daysAgo(1));
      await f.answerAsk(LOFT, second.id, 'ana', ['asked'], 'declined', daysAgo(1));
      await f.setRequestStatus(LOFT, first.id, ['open'], 'offered_publicly');
      const mine = await f.listAsksFor(LOFT, 'ana', ['asked', 'accepted']);
      expect(mine.map(({ ask, request }) => [request.id, ask.status, request.status])).toEqual([
        [third.id, 'accepted', 'open'],
        [first.id, 'asked', 'offered_publicly'],
      ]);
      expect(mine[0]).toEqual({
        ask: {
          requestId: third.id,
          reviewer: 'ana',
          status: 'accepted',
          askedAt: daysAgo(1),
          answeredAt: daysAgo(1),
          note: undefined,
        },
        request: third,
      });
      expect(await f.listAsksFor(LOFT, 'ana', [])).toEqual([]);
      expect(await f.listAsksFor(STUDIO, 'ana', ['asked', 'accepted', 'declined'])).toEqual([]);
    });
  });

  it('lists asks still unanswered by a given instant, on open requests, oldest first', async () => {
    const open = await request('zoe', daysAgo(5));
    const cancelled = await request('yan', daysAgo(5));
    await run(async (f) => {
      await f.addAsk(LOFT, open.id, 'bo', 'asked', daysAgo(3));
      await f.addAsk(LOFT, open.id, 'ana', 'asked', daysAgo(3));
      await f.addAsk(LOFT, open.id, 'cy', 'asked', daysAgo(4));
      await f.addAsk(LOFT, open.id, 'dee', 'asked', daysAgo(1));
      await f.addAsk(LOFT, open.id, 'eve', 'accepted', daysAgo(4));
      await f.addAsk(LOFT, cancelled.id, 'fay', 'asked', daysAgo(4));
      await f.setRequestStatus(LOFT, cancelled.id, ['open'], 'cancelled');
      const waiting = await f.listUnansweredAsks(LOFT, daysAgo(2));
      expect(waiting.map((a) => a.reviewer)).toEqual(['cy', 'ana', 'bo']);
      expect(await f.listUnansweredAsks(STUDIO, NOW)).toEqual([]);
    });
  });
});

describe('ratings', () => {
  it('records a score once, with a thank-you once, only on a request of the community', async () => {
    const r = await request('zoe', daysAgo(1));
    await run(async (f) => {
      expect(await f.setThanks(LOFT, r.id, 'ana', 'Nothing to attach to')).toBe(false);
      expect(await f.addRating(LOFT, r.id, 'ana', 5, NOW)).toBe(true);
      expect(await f.addRating(LOFT, r.id, 'ana', 1, NOW)).toBe(false);
      expect(await f.addRating(STUDIO, r.id, 'bo', 1, NOW)).toBe(false);
      expect(await f.getRating(LOFT, r.id, 'ana')).toEqual({
        requestId: r.id,
        reviewer: 'ana',
        score: 5,
        thanks: undefined,
        ratedAt: NOW,
      });
      expect(await f.setThanks(STUDIO, r.id, 'ana', 'Hijack')).toBe(false);
      expect(await f.setThanks(LOFT, r.id, 'ana', 'Thank you!')).toBe(true);
      expect(await f.setThanks(LOFT, r.id, 'ana', 'Again')).toBe(false);
      expect((await f.getRating(LOFT, r.id, 'ana'))?.thanks).toBe('Thank you!');
      expect(await f.getRating(STUDIO, r.id, 'ana')).toBeUndefined();
      expect(await f.getRating(LOFT, r.id, 'bo')).toBeUndefined();
    });
  });

  it('counts feedback given that was rated at least a score', async () => {
    const requests = [await request('zoe'), await request('yan'), await request('xia'), await request('wu')];
    await run(async (f) => {
      const [a, b, c, d] = requests.map((r) => r.id) as [number, number, number, number];
      for (const id of [a, b, c, d]) await f.addAsk(LOFT, id, 'ana', 'accepted', NOW);
      for (const id of [a, b, c]) await f.answerAsk(LOFT, id, 'ana', ['accepted'], 'given', NOW);
      await f.addRating(LOFT, a, 'ana', 5, NOW);
      await f.addRating(LOFT, b, 'ana', 4, NOW);
      await f.addRating(LOFT, c, 'ana', 2, NOW);
      // Rated, but the ask is not marked given.
      await f.addRating(LOFT, d, 'ana', 5, NOW);
      expect(await f.countRatedGiven(LOFT, 'ana', 4)).toBe(2);
      expect(await f.countRatedGiven(LOFT, 'ana', 1)).toBe(3);
      expect(await f.countRatedGiven(LOFT, 'bo', 1)).toBe(0);
      expect(await f.countRatedGiven(STUDIO, 'ana', 1)).toBe(0);
    });
  });
});

describe('opt-outs', () => {
  it('turns prompt kinds off and on again', async () => {
    await run(async (f) => {
      expect(await f.optOuts(LOFT, 'ana')).toEqual([]);
      await f.setOptOut(LOFT, 'ana', 'helpful', true, NOW);
      await f.setOptOut(LOFT, 'ana', 'asks', true, NOW);
      await f.setOptOut(LOFT, 'ana', 'asks', true, NOW);
      expect(await f.optOuts(LOFT, 'ana')).toEqual(['asks', 'helpful']);
      expect(await f.optOuts(STUDIO, 'ana')).toEqual([]);
      await f.setOptOut(LOFT, 'ana', 'asks', false, NOW);
      await f.setOptOut(LOFT, 'ana', 'asks', false, NOW);
      expect(await f.optOuts(LOFT, 'ana')).toEqual(['helpful']);
    });
  });
});

describe('stats', () => {
  it('counts requests, open ones, feedback given and ratings, with the average score', async () => {
    const [a, b, c] = [await request('zoe'), await request('yan'), await request('xia')];
    await run(async (f) => {
      expect(await f.stats(STUDIO)).toEqual({
        requests: 0,
        open: 0,
        given: 0,
        ratings: 0,
        averageHelpfulness: undefined,
      });
      await f.setRequestStatus(LOFT, c.id, ['open'], 'fulfilled');
      await f.addAsk(LOFT, a.id, 'ana', 'accepted', NOW);
      await f.addAsk(LOFT, b.id, 'ana', 'accepted', NOW);
      await f.addAsk(LOFT, b.id, 'bo', 'asked', NOW);
      await f.answerAsk(LOFT, a.id, 'ana', ['accepted'], 'given', NOW);
      await f.answerAsk(LOFT, b.id, 'ana', ['accepted'], 'given', NOW);
      await f.addRating(LOFT, a.id, 'ana', 5, NOW);
      await f.addRating(LOFT, b.id, 'ana', 2, NOW);
      expect(await f.stats(LOFT)).toEqual({ requests: 3, open: 2, given: 2, ratings: 2, averageHelpfulness: 3.5 });
    });
  });
});

describe('a member’s data', () => {
  async function seed() {
    const own = await request('ana');
    const theirs = await request('zoe');
    const elsewhere = await run(
      async (f) =>
        await f.createRequest({ community: STUDIO, requester: 'ana', about: 'Elsewhere', skills: [], now: NOW }),
    );
    await run(async (f) => {
      // On ana's own request: bo's ask and rating.
      await f.addAsk(LOFT, own.id, 'bo', 'accepted', NOW);
      await f.answerAsk(LOFT, own.id, 'bo', ['accepted'], 'given', NOW, 'Looks good');
      await f.addRating(LOFT, own.id, 'bo', 4, NOW);
      // ana reviewing zoe's request, and cy too.
      await f.addAsk(LOFT, theirs.id, 'ana', 'accepted', NOW);
      await f.addAsk(LOFT, theirs.id, 'cy', 'asked', NOW);
      await f.addRating(LOFT, theirs.id, 'ana', 5, NOW);
      await f.setOptOut(LOFT, 'ana', 'asks', true, NOW);
      await f.setOptOut(LOFT, 'ana', 'helpful', true, NOW);
      await f.setOptOut(LOFT, 'cy', 'helpful', true, NOW);
      await f.addAsk(STUDIO, elsewhere.id, 'dee', 'asked', NOW);
      await f.setOptOut(STUDIO, 'ana', 'asks', true, NOW);
    });
    return { own, theirs, elsewhere };
  }

  it('exports requests, who said yes, and recognition counts: never a decline, note, score or thank-you', async () => {
    const { own, theirs } = await seed();
    const rows = await run(async (f) => await f.exportAll(LOFT, 4));
    expect(Object.keys(rows)).toEqual(['feedback_requests', 'feedback_reviewers', 'feedback_recognition']);
    expect(rows.feedback_requests).toEqual([
      {
        id: own.id,
        requester: 'ana',
        about: 'Draft',
        link: null,
        skills: '["illustration"]',
        due_at: null,
        status: 'open',
        created_at: NOW.getTime(),
      },
      expect.objectContaining({ id: theirs.id, requester: 'zoe' }),
    ]);
    // cy was asked and has not answered: only reviewers the requester was told about are listed.
    expect(rows.feedback_reviewers).toEqual([
      { request_id: own.id, reviewer: 'bo', status: 'given', answered_at: NOW.getTime() },
      { request_id: theirs.id, reviewer: 'ana', status: 'accepted', answered_at: NOW.getTime() },
    ]);
    expect(rows.feedback_recognition).toEqual([
      { reviewer: 'ana', helpful_feedback_given: 1 },
      { reviewer: 'bo', helpful_feedback_given: 1 },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Looks good');
    const empty = await run(async (f) => await f.exportAll('shell:nobody', 4));
    expect(Object.values(empty).every((list) => list.length === 0)).toBe(true);
  });

  it('forgets a member: their requests with everything on them, their asks, ratings and opt-outs', async () => {
    const { own, theirs, elsewhere } = await seed();
    const counts = await run(async (f) => await f.forgetMember(LOFT, 'ana'));
    expect(counts).toEqual({ requests: 1, asks: 2, ratings: 2, settings: 2 });
    await run(async (f) => {
      expect(await f.getRequest(LOFT, own.id)).toBeUndefined();
      expect(await f.getAsk(LOFT, own.id, 'bo')).toBeUndefined();
      expect(await f.getRating(LOFT, own.id, 'bo')).toBeUndefined();
      expect(await f.getAsk(LOFT, theirs.id, 'ana')).toBeUndefined();
      expect(await f.getRating(LOFT, theirs.id, 'ana')).toBeUndefined();
      expect(await f.optOuts(LOFT, 'ana')).toEqual([]);
      // Other members' rows, and the member's rows in another community, stay.
      expect(await f.getRequest(LOFT, theirs.id)).toBeDefined();
      expect(await f.getAsk(LOFT, theirs.id, 'cy')).toBeDefined();
      expect(await f.optOuts(LOFT, 'cy')).toEqual(['helpful']);
      expect(await f.getRequest(STUDIO, elsewhere.id)).toBeDefined();
      expect(await f.getAsk(STUDIO, elsewhere.id, 'dee')).toBeDefined();
      expect(await f.optOuts(STUDIO, 'ana')).toEqual(['asks']);
      expect(await f.forgetMember(LOFT, 'ana')).toEqual({ requests: 0, asks: 0, ratings: 0, settings: 0 });
    });
  });
});
