/**
 * A small, strict iCalendar reader for tests, written from RFC 5545 and independent of the writer: it checks the
 * framing (CRLF, lines of at most 75 octets, BEGIN/END nesting, one VCALENDAR with VERSION and PRODID), unfolds and
 * unescapes, and turns each event's DTSTART/DTEND back into instants using only the feed's own VTIMEZONE.
 */
import { expect } from 'vitest';

export interface ReadEvent {
  readonly props: Readonly<Record<string, string>>;
  /** The raw DTSTART/DTEND lines (name with parameters, then value), for checking how a time was written. */
  readonly raw: Readonly<Record<string, string>>;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export interface ReadCalendar {
  readonly props: Readonly<Record<string, string>>;
  readonly events: readonly ReadEvent[];
  /** TZID → observances (onset in UTC ms, offset to, in minutes), sorted. */
  readonly zones: ReadonlyMap<string, readonly { onset: number; to: number }[]>;
}

const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));

/** `20261208T190000` as if it were UTC, in ms. */
function wallMs(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  expect(m, `a DATE-TIME: ${value}`).not.toBeNull();
  return Date.UTC(+m![1]!, +m![2]! - 1, +m![3]!, +m![4]!, +m![5]!, +m![6]!);
}

const offsetMinutes = (v: string) => {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(v);
  expect(m, `a UTC-OFFSET: ${v}`).not.toBeNull();
  return (m![1] === '-' ? -1 : 1) * (+m![2]! * 60 + +m![3]!);
};

function unfold(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line.includes('\n') || line.includes('\r'), 'a bare CR or LF').toBe(false);
    expect(Buffer.byteLength(line), `over 75 octets: ${line}`).toBeLessThanOrEqual(75);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  return lines;
}

interface Component {
  readonly name: string;
  readonly lines: [string, string][];
  readonly children: Component[];
}

function components(lines: string[]): Component {
  const root: Component = { name: '', lines: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const colon = line.indexOf(':');
    expect(colon, `a content line: ${line}`).toBeGreaterThan(0);
    const [name, value] = [line.slice(0, colon), line.slice(colon + 1)];
    if (name === 'BEGIN') {
      const child: Component = { name: value, lines: [], children: [] };
      stack.at(-1)!.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      expect(stack.pop()?.name, `END:${value} closes what was opened`).toBe(value);
    } else stack.at(-1)!.lines.push([name, value]);
  }
  expect(stack).toHaveLength(1);
  expect(root.children.map((c) => c.name)).toEqual(['VCALENDAR']);
  return root.children[0]!;
}

const propsOf = (c: Component) => Object.fromEntries(c.lines.map(([n, v]) => [n.split(';')[0]!, unescapeText(v)]));

function zonesOf(cal: Component): Map<string, { onset: number; to: number }[]> {
  const zones = new Map<string, { onset: number; to: number }[]>();
  for (const tz of cal.children.filter((c) => c.name === 'VTIMEZONE')) {
    const observances = tz.children.map((o) => {
      expect(['STANDARD', 'DAYLIGHT']).toContain(o.name);
      const p = propsOf(o);
      return { onset: wallMs(p.DTSTART!) - offsetMinutes(p.TZOFFSETFROM!) * 60_000, to: offsetMinutes(p.TZOFFSETTO!) };
    });
    zones.set(
      propsOf(tz).TZID!,
      observances.sort((a, b) => a.onset - b.onset),
    );
  }
  return zones;
}

function instant(nameAndParams: string, value: string, zones: Map<string, { onset: number; to: number }[]>): Date {
  if (value.endsWith('Z')) return new Date(wallMs(value.slice(0, -1)));
  const tzid = /;TZID=([^;:]+)/.exec(nameAndParams)?.[1];
  expect(tzid, `${nameAndParams}: a local time names its zone`).toBeDefined();
  const observances = zones.get(tzid!);
  expect(observances, `a VTIMEZONE for ${tzid}`).toBeDefined();
  const wall = wallMs(value);
  const fits = observances!.filter((o, i) => {
    const at = wall - o.to * 60_000;
    const next = observances![i + 1];
    return at >= o.onset && (!next || at < next.onset);
  });
  expect(fits.length, `${value} in ${tzid} names one instant`).toBeGreaterThan(0);
  return new Date(wall - fits[0]!.to * 60_000);
}

export function readCalendar(ics: string): ReadCalendar {
  const cal = components(unfold(ics));
  const props = propsOf(cal);
  expect(props.VERSION).toBe('2.0');
  expect(props.PRODID).toBeTruthy();
  const zones = zonesOf(cal);
  const events = cal.children
    .filter((c) => c.name === 'VEVENT')
    .map((e) => {
      const p = propsOf(e);
      for (const required of ['UID', 'DTSTAMP', 'DTSTART']) expect(p[required], required).toBeTruthy();
      const line = (n: string) => e.lines.find(([name]) => name.split(';')[0] === n)!;
      const [start, end] = [line('DTSTART'), line('DTEND')];
      return {
        props: p,
        raw: { DTSTART: start.join(':'), DTEND: end.join(':') },
        startsAt: instant(start[0], start[1], zones),
        endsAt: instant(end[0], end[1], zones),
      };
    });
  return { props, events, zones };
}
