/**
 * Every date and duration example the bot shows a member (command examples in help and errors, option
 * descriptions that Discord shows and help lists, form placeholders) is fed back into the parser it advertises,
 * at any moment of the year, in any zone: an example must never be refused (issue 19 item 6: the meetups hint
 * suggested a date that was itself refused as past). Static texts therefore name no calendar date; refusals write
 * theirs from "now" (`whenExamples`, checked in when-rules.test.ts).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedbackFeature } from '../../commands/feedback/index.ts';
import { DEADLINE, requestForm } from '../../commands/feedback/request.ts';
import { matchingFeature } from '../../commands/matching/index.ts';
import { PAUSE_END } from '../../commands/matching/match.command.ts';
import { MEETUP_LENGTH, MEETUP_START } from '../../commands/meetups/create.ts';
import { createForm, editForm } from '../../commands/meetups/forms.ts';
import type { MeetupRecord } from '../../commands/meetups/store.ts';
import { meetupsFeature } from '../../commands/meetups/index.ts';
import { mentorshipFeature } from '../../commands/mentorship/index.ts';
import { parseUntil as presenceUntil } from '../../commands/presence/day.ts';
import { presenceFeature } from '../../commands/presence/index.ts';
import { bookingForm } from '../../commands/resources/forms.ts';
import { resourcesFeature } from '../../commands/resources/index.ts';
import type { ResourceRecord } from '../../commands/resources/store.ts';
import { BOOKING_LENGTH, BOOKING_START, LOAN_DUE } from '../../commands/resources/when.ts';
import { type DurationRules, parseDuration, readWhen, type WhenRules } from '../../commands/when/index.ts';
import { UserError } from '#core/errors.ts';
import { buildCatalog, exampleWords } from '#core/catalog.ts';
import type { Feature } from '#core/command.ts';
import { parseCommandText } from '#core/grammar.ts';
import type { Form } from '#core/reply.ts';

/** Which parser reads each date or duration option: `command subcommand option`. */
type Parser = WhenRules | DurationRules | 'today';
const PARSERS: Record<string, Parser> = {
  'meetup create when': MEETUP_START,
  'meetup create duration': MEETUP_LENGTH,
  'meetup edit when': MEETUP_START,
  'meetup edit duration': MEETUP_LENGTH,
  'feedback request by': DEADLINE,
  'match pause until': PAUSE_END,
  'resource book when': BOOKING_START,
  'resource book for': BOOKING_LENGTH,
  'resource list free': BOOKING_START,
  'resource borrow until': LOAN_DUE,
  // Presence lasts for today only: a time of day is an example for the morning, checked from 06:00 to 16:59.
  'here in until': 'today',
};
/** Option names that take a date or a length of time: each must be in PARSERS, so a new one cannot be missed. */
const DATE_LIKE = new Set(['when', 'by', 'until', 'free', 'for', 'duration', 'at', 'on']);

const features = [
  feedbackFeature,
  matchingFeature,
  meetupsFeature,
  mentorshipFeature,
  presenceFeature,
  resourcesFeature,
] as Feature<never>[];
const catalog = buildCatalog(features);

interface Shown {
  readonly where: string;
  readonly parser: Parser;
  readonly text: string;
}

/** The examples after "e.g." in a description or placeholder: "e.g. fri 19:00, tomorrow 6pm or "in 3 days"". */
function listed(text: string): string[] {
  const after = /e\.g\.\s*(.*)$/i.exec(text)?.[1] ?? text;
  return after
    .replace(/\s*\((?:default|empty)[^)]*\)\s*$/i, '')
    .split(/\s*(?:,|·|\bor\b)\s*/)
    .map((e) => e.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
}

function shownInCatalog(): Shown[] {
  const shown: Shown[] = [];
  for (const command of catalog) {
    for (const sub of command.subcommands) {
      for (const option of sub.options) {
        const key = `${command.name} ${sub.name} ${option.name}`;
        const parser = PARSERS[key];
        if (!parser) {
          expect(DATE_LIKE.has(option.name) && option.type === 'string', `${key} is not in PARSERS`).toBe(false);
          continue;
        }
        for (const text of listed(option.description)) shown.push({ where: `${key} (description)`, parser, text });
      }
      for (const example of sub.examples) {
        const { values } = parseCommandText(command, exampleWords(sub, example));
        for (const [name, text] of Object.entries(values)) {
          const parser = PARSERS[`${command.name} ${sub.name} ${name}`];
          if (parser) shown.push({ where: `/${command.name} ${sub.name} ${example}`, parser, text });
        }
      }
    }
  }
  return shown;
}

function shownInForms(): Shown[] {
  const resource = { id: 1, name: 'Risograph' } as ResourceRecord;
  const meetup = { id: 1, title: 'Zine night', startsAt: new Date(0), endsAt: new Date(90 * 60_000) } as MeetupRecord;
  const forms: [Form, Record<string, Parser>][] = [
    [createForm(), { when: MEETUP_START, duration: MEETUP_LENGTH }],
    [editForm(meetup, 'fri 19:00'), { duration: MEETUP_LENGTH }],
    [requestForm(), { by: DEADLINE }],
    [bookingForm(resource), { when: BOOKING_START, for: BOOKING_LENGTH }],
  ];
  return forms.flatMap(([form, parsers]) =>
    form.fields.flatMap((field) => {
      const parser = parsers[field.id];
      if (!parser || !field.placeholder) return [];
      const examples = listed(field.placeholder).map((text) => ({ where: `${form.formId} ${field.id}`, parser, text }));
      // The edit form fills in the current length: submitted unchanged, it must be read back as it is.
      if (field.initial && typeof parser === 'object' && 'what' in parser)
        examples.push({ where: `${form.formId} ${field.id} (filled in)`, parser, text: field.initial });
      return examples;
    }),
  );
}

/** The examples a refused length of time suggests (`2h`, …): each must be accepted by the same parser. */
function shownInDurationErrors(): Shown[] {
  // `30h` is refused for a meetup only (a booking's longest is a community setting, checked after the parser).
  const refused = ['', '-2h', 'banana', '90', '5m', '30h', `${'1'.repeat(50)}h`];
  return [MEETUP_LENGTH, BOOKING_LENGTH].flatMap((parser) =>
    refused.flatMap((typed) => {
      let message = '';
      try {
        parseDuration(typed, parser);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        message = error.message;
      }
      return [...message.matchAll(/`([^`]+)`/g)].map((m) => ({
        where: `${parser.what}: refusal of "${typed}"`,
        parser,
        text: m[1]!,
      }));
    }),
  );
}

describe('every date and duration example the bot shows', () => {
  const shown = [...shownInCatalog(), ...shownInForms(), ...shownInDurationErrors()];

  it('finds the examples of every date and duration option (so that none is left unchecked)', () => {
    const where = new Set(shown.map((s) => s.where.split(' (')[0]!.replace(/^\//, '')));
    for (const key of Object.keys(PARSERS)) {
      expect(
        [...where].some((w) => w.startsWith(key) || w.startsWith(key.split(' ').slice(0, 2).join(' '))),
        key,
      ).toBe(true);
    }
    expect(shown.length).toBeGreaterThan(25);
  });

  it('names no calendar date: a fixed date is refused as past one day', () => {
    for (const s of shown) expect(s.text, s.where).not.toMatch(/\b20\d\d\b|\d{1,2}[/.]\d{1,2}/);
  });

  it('is accepted by its parser at any moment, in any zone', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Pacific/Auckland', 'UTC'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (now, zone) => {
          for (const { where, parser, text } of shown) {
            if (typeof parser === 'object' && 'what' in parser) {
              expect(parseDuration(text, parser), `${where}: ${text}`).toBeGreaterThan(0);
              continue;
            }
            if (parser === 'today') {
              const local = DateTime.fromJSDate(now, { zone });
              const morning = local.set({ hour: 6 + (local.hour % 11) }).toJSDate();
              expect(presenceUntil(text, morning, zone).getTime(), `${where}: ${text}`).toBeGreaterThan(+morning);
              continue;
            }
            let at: Date | undefined;
            try {
              at = readWhen(text, now, zone, parser);
            } catch (error) {
              throw new Error(`${where}: "${text}" refused at ${now.toISOString()} in ${zone}: ${error}`);
            }
            expect(at.getTime()).toBeGreaterThan(now.getTime());
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
