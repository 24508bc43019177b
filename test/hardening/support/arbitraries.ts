/** Arbitraries for the bad-input properties, built from the catalog's option specs and a cast's ids. */
import fc from 'fast-check';
import type { SubcommandSpec } from '#core/catalog.ts';
import type { OptionSpec } from '#core/options.ts';
import { hostileOptionValue, hostileText } from './hostile.ts';
import type { Cast } from './life.ts';

/** `name:value` words for some of a subcommand's options, quoted or not, followed by free hostile text. */
export function textFor(sub: SubcommandSpec): fc.Arbitrary<string> {
  const word = (o: OptionSpec) =>
    fc.tuple(hostileText, fc.boolean()).map(([v, quoted]) => (quoted ? `${o.name}:"${v}"` : `${o.name}:${v}`));
  const named = sub.options.length
    ? fc.array(fc.constantFrom(...sub.options).chain(word), { maxLength: 4 }).map((w) => w.join(' '))
    : fc.constant('');
  return fc
    .tuple(fc.oneof(named, hostileText), fc.oneof(fc.constant(''), hostileText))
    .map(([a, b]) => [sub.name, a, b].filter(Boolean).join(' '));
}

/** Typed options as Discord would send them, or worse: right and wrong types, unknown names. */
export function optionsFor(sub: SubcommandSpec): fc.Arbitrary<Record<string, unknown>> {
  const typed = (o: OptionSpec): fc.Arbitrary<unknown> => {
    const right =
      o.type === 'integer' || o.type === 'number'
        ? fc.oneof(
            fc.integer({ min: (o.min ?? 0) - 5, max: (o.max ?? 100) + 5 }),
            fc.constantFrom(-1, 0, 2 ** 31, -(2 ** 53)),
          )
        : o.type === 'boolean'
          ? fc.boolean()
          : o.choices
            ? fc.oneof(fc.constantFrom(...o.choices), hostileText)
            : hostileText;
    return fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: hostileOptionValue });
  };
  const known = fc.record(Object.fromEntries(sub.options.map((o) => [o.name, typed(o)])), { requiredKeys: [] });
  const unknown = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'zzz'), hostileOptionValue, {
    maxKeys: 2,
  });
  return fc.tuple(known, unknown).map(([a, b]) => ({ ...b, ...a }));
}

/** Button values: random text, and values shaped like the real ones but pointing anywhere. */
export function buttonValue(cast: Cast): fc.Arbitrary<string> {
  const ids = [cast.host, cast.subject, cast.friend, cast.third, cast.newcomer, 'U0STRANGER'];
  const words = ['going', 'maybe', 'no', 'yes', 'not_yet', 'about', 'more', 'review', ...ids];
  return fc.oneof(
    hostileText,
    fc.constantFrom(...ids, '999999999999', '0', '-1', '1e3', '', ' ', '1:', ':1'),
    fc.nat(15).map(String),
    fc.tuple(fc.integer({ min: -2, max: 15 }), fc.constantFrom(...words)).map(([n, w]) => `${n}:${w}`),
    fc.tuple(fc.nat(12), fc.constantFrom(...ids), fc.integer({ min: 0, max: 6 })).map(([n, u, s]) => `${n}:${u}:${s}`),
    fc.tuple(fc.constantFrom(...ids), hostileText).map(([u, t]) => `${u}|${t}`),
    fc.tuple(fc.constantFrom(...ids), fc.integer({ min: -1, max: 9 })).map(([u, r]) => `${u}:${r}`),
  );
}
