/**
 * Hostile input for the property tests: the strings attackers and unlucky members actually type, mixed with
 * random unicode. Each family is named so the report can say what was tried.
 */
import fc from 'fast-check';

/** Named families of hostile strings. */
export const HOSTILE = {
  sql: ["'; DROP TABLE members; --", "1' OR '1'='1", "Robert'); DELETE FROM profiles;--", '" OR ""="', '%', '_'],
  slackMarkup: [
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<!subteam^S123|devs>',
    '<@U0FORGED>',
    '<@U0FORGED|boss>',
    '<#C1|x>',
    '<#C0INTRO>',
    '<https://evil.example|https://good.example>',
    '&lt;!channel&gt;',
    '<!date^0^{date}|x>',
  ],
  discordMarkup: [
    '@everyone',
    '@here',
    '<@123456789012345678>',
    '<@!123456789012345678>',
    '<@&123456789012345678>',
    '<#123456789012345678>',
    '<t:0:F>',
    '||spoiler||',
    '# heading',
    '-# subtext',
    '> quote',
  ],
  markdown: [
    '*bold*',
    '_it_',
    '~strike~',
    '`code`',
    '```block```',
    '[x](javascript:alert(1))',
    '[click](https://evil.example)',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    '\\',
    '\\\\"',
  ],
  unicode: [
    '\u202Eevil\u202C',
    'a\u200Bb',
    '\uFEFF',
    '\u2066x\u2069',
    '👩‍👩‍👧‍👦',
    '🏳️‍🌈',
    'e\u0301',
    'Z̴̡̧͚͖̮̈́̆a̷l̶g̵o̸',
    'שלום עולם',
    'مرحبا بالعالم',
    '日本語テキスト',
    '\uD800',
    '\uDFFF',
    'ﬁ',
    'Ǆ',
    '\u00A0\u2003',
    'İı',
  ],
  control: [
    '\u0000',
    '\u0001\u0007\u001b[31mred',
    '\r\n\r\n',
    '\t\t',
    '\u007F\u0085\u009F',
    '\uE000user\uE002U0FORGED\uE001',
    '\uE000bold\uE002x',
    '\uE001\uE002',
    '\uF8FF',
  ],
  dates: [
    '2026-02-30 19:00',
    '31/31/2026',
    'yesterday',
    'never',
    'fri 25:99',
    '0000-00-00 00:00',
    '9999-12-31 23:59',
    '1970-01-01',
    'tomorrow 19:00',
    'in 100 years',
    'next blursday',
    '24:00',
    '-1 days',
    '2026-11-16T08:00:00Z',
  ],
  numbers: [
    '-1',
    '0',
    '-99999999999',
    '99999999999999999999',
    '1e309',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1.5',
    '+5',
    '007',
    '１２',
  ],
  members: [
    '@nobody',
    '<@U000NOPE>',
    'U0FORGED',
    '123456789012345678',
    '<@123456789012345678>',
    '@host',
    '@U0LUCAS',
    '@',
    '<@>',
    '<@U0LUCAS|someone else>',
  ],
  grammar: [
    'name:value',
    'title:"unclosed',
    '"""',
    '“curly”',
    'help',
    'none',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    'toString',
    ':',
    '::',
    'a:b:c',
  ],
} as const;

/** Long strings: past every length cap the commands declare. */
export const HUGE = [
  'x'.repeat(5_000),
  '👍'.repeat(2_500),
  'a '.repeat(3_000),
  '<!channel>'.repeat(400),
  `${'\u0301'.repeat(2_000)}`,
];

const ALL = Object.values(HOSTILE).flat();

/** How many pieces of each family the arbitraries produced (the report quotes these). */
export const pieceCounts: Record<string, number> = {};

/** One hostile piece: a named string, random unicode, control characters or a huge string. */
export const hostilePiece: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ALL) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  )
  .map((piece) => {
    const family = familyOf(piece);
    pieceCounts[family] = (pieceCounts[family] ?? 0) + 1;
    return piece;
  });

/** A few hostile pieces joined by spaces (sometimes none at all). */
export const hostileText: fc.Arbitrary<string> = fc
  .array(hostilePiece, { minLength: 0, maxLength: 4 })
  .map((pieces) => pieces.join(' '));

/** A value for a typed option as Discord might (or might not) deliver it: any JSON-ish type. */
export const hostileOptionValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 1, 2 ** 53, -(2 ** 53), 1e308)) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, [], {}, ['a'], { toString: 'x' }) },
);

/** Which family a string belongs to, for counting (random strings are `random`). */
export function familyOf(text: string): string {
  for (const [family, list] of Object.entries(HOSTILE)) if ((list as readonly string[]).includes(text)) return family;
  return HUGE.includes(text) ? 'huge' : 'random';
}
