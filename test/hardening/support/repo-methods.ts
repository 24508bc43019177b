/**
 * Every store method, read from the store ports themselves (the core's `CoreStores` in src/core/ports/storage.ts,
 * each feature's `commands/<feature>/store.ts`) with the TypeScript compiler, and a way to call each one for an
 * empty community B with the ids of a populated community A (its members, meetups, requests, pairings…). A new
 * store method, or a new feature's store, is swept without editing this file: its parameters are filled by name
 * and type (`community` → B, `userId` → A's member, `meetupId` → A's meetup, a `Date` → the widest window…). A
 * parameter this file cannot fill fails the sweep with its name and type, so a rule gets added here.
 *
 * `GLOBAL`: methods not scoped to a community by design (the outbox drainer serves every community and works by
 * row id; the scheduler lists communities). A method that takes no community must be listed there, with why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { CommunityId } from '#core/ids.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface Fixture {
  /** The empty community every call names. */
  readonly B: CommunityId;
  readonly user: string;
  readonly other: string;
  readonly name: string;
  readonly meetup: number;
  readonly series: number;
  readonly request: number;
  readonly pairing: number;
  readonly round: number;
  readonly suggestion: number;
  /** A's shared resources: a resource, a booking, a loan and an ask for a thing. */
  readonly resource: number;
  readonly booking: number;
  readonly loan: number;
  readonly ask: number;
  /** A's newest mentorship and mentorship request (mentorship's own ids). */
  readonly mentorship: number;
  readonly mentorRequest: number;
  readonly ref: string;
  readonly job: string;
  readonly period: string;
  readonly skill: string;
  /** A's members' row ids (the matching index's member keys). */
  readonly memberKeys: readonly number[];
  /** A's newest matching index change (a change-log cursor). */
  readonly cursor?: { readonly seq: number; readonly nonce: number };
  readonly from: Date;
  readonly to: Date;
}

const BY_ID = 'the drainer works by outbox row id, for every community';
const LANE_RATE =
  'a send lane’s learned rate is the platform’s (a Slack workspace’s or a Discord bot’s), not community data';
const LANE_HOLDER = 'which process drains a lane (a Slack workspace or a Discord bot) is not community data';

/** Methods that take no community, and why that is right. */
const BY_SECRET = 'looked up by the hash of a 256-bit secret, which decides the community';

export const GLOBAL: Record<string, string> = {
  'communities.list': 'the scheduler walks every community',
  'communities.leftBefore': 'the retention sweep finds, among every community, those whose retention ended',
  'sendRates.get': LANE_RATE,
  'sendRates.save': LANE_RATE,
  'laneLeases.take': LANE_HOLDER,
  'laneLeases.release': LANE_HOLDER,
  'laneLeases.alive': LANE_HOLDER,
  'laneLeases.leave': LANE_HOLDER,
  'outbox.claimDue': BY_ID,
  'outbox.markSent': BY_ID,
  'outbox.markRetry': BY_ID,
  'outbox.markFailed': BY_ID,
  'outbox.get': BY_ID,
  'outbox.recoverInFlight': 'run once at start-up for the whole process',
  'outbox.nextDue': 'per platform, for every community',
  'outbox.dueCommunities': 'finds, per platform, which communities have messages due (each goes to its lane)',
  // A sign-in link, a session cookie or a calendar feed address carries only its secret: the row found by the
  // secret's hash says which community it opens, and nothing else names one.
  'dashboard.findSignIn': BY_SECRET,
  'dashboard.useSignIn': BY_SECRET,
  'dashboard.findSession': BY_SECRET,
  'meetups.findCalendarFeed': BY_SECRET,
};

/** Methods that throw for every call naming B (they refuse a meetup or a community B does not have). */
export const REFUSED_IN_B = ['communities.saveSettings', 'meetups.update'];

/** Nothing found: undefined, empty lists, zeros, false, or objects and arrays made only of those. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === 0 || value === false || value === '') return true;
  if (Array.isArray(value)) return value.every(isEmpty);
  if (value instanceof Date) return false;
  if (typeof value === 'object') return Object.values(value as object).every(isEmpty);
  return false;
}

/** What "found nothing" looks like for the few reads whose answer for a stranger is not empty. */
export const EXPECT: Record<string, (result: unknown) => boolean> = {
  // "On unless turned off": true for a member B never saw.
  'meetups.remindersEnabled': (on) => on === true,
  // A's cursor does not exist in B: "rebuild", with no member and no cursor of A's.
  'matching.indexChanges': (r) => {
    const changes = r as { members: unknown; activity: unknown; cursor: unknown };
    return isEmpty(changes.members) && isEmpty(changes.activity) && changes.cursor === undefined;
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The ports, as the compiler sees them.

export type Shape =
  | { readonly kind: 'string' | 'number' | 'boolean' | 'date' | 'undefined' | 'any' | 'function' | 'record' }
  /** A `CommunityId`, whatever the parameter is called. */
  | { readonly kind: 'community' }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'union'; readonly options: readonly Shape[] }
  | { readonly kind: 'array'; readonly of: Shape }
  | { readonly kind: 'object'; readonly props: readonly Param[] }
  | { readonly kind: 'unknown'; readonly text: string };

export interface Param {
  readonly name: string;
  readonly optional: boolean;
  readonly shape: Shape;
}

export interface PortMethod {
  /** `members.get`, `meetups.listRsvps`: the store (a `CoreStores` key, or the feature's name) and the method. */
  readonly id: string;
  readonly method: string;
  readonly params: readonly Param[];
  /** As declared, for messages. */
  readonly signature: string;
}

export interface Port {
  /** A `CoreStores` key, or the name of the feature whose `store.ts` it is. */
  readonly store: string;
  readonly kind: 'core' | 'feature';
  readonly file: string;
  readonly methods: readonly PortMethod[];
}

function shapes(checker: ts.TypeChecker, communityId: ts.Type) {
  const isCommunityId = (type: ts.Type) =>
    type.isUnion() && checker.isTypeAssignableTo(type, communityId) && checker.isTypeAssignableTo(communityId, type);
  const shapeOf = (type: ts.Type, depth: number): Shape => {
    const text = () => checker.typeToString(type);
    if (depth > 6) return { kind: 'unknown', text: text() };
    if (isCommunityId(type)) return { kind: 'community' };
    const f = type.flags;
    if (f & ts.TypeFlags.Boolean) return { kind: 'boolean' };
    if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Null)) return { kind: 'undefined' };
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { kind: 'any' };
    if (type.isStringLiteral() || type.isNumberLiteral()) return { kind: 'literal', value: type.value };
    if (f & ts.TypeFlags.BooleanLiteral) return { kind: 'literal', value: text() === 'true' };
    if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping))
      return { kind: 'string' };
    if (f & ts.TypeFlags.Number) return { kind: 'number' };
    if (type.isUnion()) {
      const options: Shape[] = [];
      const literals = type.types.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
      // `boolean | undefined` comes flattened as `undefined | false | true`.
      if (literals.length === 2) options.push({ kind: 'boolean' });
      for (const t of type.types)
        if (!literals.includes(t) || literals.length !== 2) options.push(shapeOf(t, depth + 1));
      return options.length === 1 ? options[0]! : { kind: 'union', options };
    }
    if (f & ts.TypeFlags.Object || type.isIntersection()) {
      if (type.getSymbol()?.getName() === 'Date') return { kind: 'date' };
      if (checker.isArrayType(type) || checker.isTupleType(type)) {
        const [of] = checker.getTypeArguments(type as ts.TypeReference);
        return { kind: 'array', of: of ? shapeOf(of, depth + 1) : { kind: 'unknown', text: text() } };
      }
      if (type.getCallSignatures().length > 0) return { kind: 'function' };
      const props = checker.getPropertiesOfType(type);
      if (props.length === 0 && checker.getIndexInfosOfType(type).length > 0) return { kind: 'record' };
      return {
        kind: 'object',
        props: props.map((p) => {
          const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
          const t = checker.getTypeOfSymbol(p);
          return {
            name: p.getName(),
            optional,
            shape: shapeOf(optional ? checker.getNonNullableType(t) : t, depth + 1),
          };
        }),
      };
    }
    return { kind: 'unknown', text: text() };
  };
  return shapeOf;
}

function methodsOf(checker: ts.TypeChecker, communityId: ts.Type, store: string, type: ts.Type): PortMethod[] {
  const shapeOf = shapes(checker, communityId);
  const methods: PortMethod[] = [];
  for (const prop of checker.getPropertiesOfType(type)) {
    const [signature] = checker.getTypeOfSymbol(prop).getCallSignatures();
    if (!signature) continue; // a value, not a method (e.g. the matching index's cache key)
    methods.push({
      id: `${store}.${prop.getName()}`,
      method: prop.getName(),
      signature: `${prop.getName()}${checker.signatureToString(signature)}`,
      params: signature.getParameters().map((p) => {
        const decl = p.valueDeclaration as ts.ParameterDeclaration | undefined;
        const optional = Boolean(decl?.questionToken || decl?.initializer);
        const t = checker.getTypeOfSymbol(p);
        return { name: p.getName(), optional, shape: shapeOf(optional ? checker.getNonNullableType(t) : t, 0) };
      }),
    });
  }
  return methods;
}

let cached: Port[] | undefined;

/**
 * The core's stores (`CoreStores`) and the store port of each of `features` that has a `commands/<feature>/store.ts`
 * (the interface it exports whose name ends in `Store`).
 */
export function storePorts(features: readonly string[]): Port[] {
  if (cached) return cached;
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('cannot read tsconfig.json');
  const coreFile = join(ROOT, 'src/core/ports/storage.ts');
  const idsFile = join(ROOT, 'src/core/ids.ts');
  const featureFiles = features
    .map((name) => ({ name, file: join(ROOT, 'commands', name, 'store.ts') }))
    .filter((f) => existsSync(f.file));
  // Only the ports and what they import: no @types/node, so this takes a second or two.
  const program = ts.createProgram([coreFile, idsFile, ...featureFiles.map((f) => f.file)], {
    ...config.options,
    types: [],
  });
  const checker = program.getTypeChecker();
  const exportsOf = (file: string) => {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`cannot read ${file}`);
    return checker.getExportsOfModule(symbol);
  };
  const communityIdSymbol = exportsOf(idsFile).find((s) => s.getName() === 'CommunityId');
  if (!communityIdSymbol) throw new Error('CommunityId is not exported from src/core/ids.ts');
  const communityId = checker.getDeclaredTypeOfSymbol(communityIdSymbol);
  const ports: Port[] = [];
  const coreStores = exportsOf(coreFile).find((s) => s.getName() === 'CoreStores');
  if (!coreStores) throw new Error('CoreStores is not exported from src/core/ports/storage.ts');
  for (const prop of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(coreStores))) {
    const store = prop.getName();
    ports.push({
      store,
      kind: 'core',
      file: coreFile,
      methods: methodsOf(checker, communityId, store, checker.getTypeOfSymbol(prop)),
    });
  }
  for (const { name, file } of featureFiles) {
    const candidates = exportsOf(file).filter(
      (s) => s.flags & ts.SymbolFlags.Interface && s.getName().endsWith('Store'),
    );
    if (candidates.length !== 1) {
      throw new Error(`${file} must export one interface named *Store (found ${candidates.map((s) => s.getName())})`);
    }
    const type = checker.getDeclaredTypeOfSymbol(candidates[0]!);
    ports.push({ store: name, kind: 'feature', file, methods: methodsOf(checker, communityId, name, type) });
  }
  cached = ports;
  return ports;
}

// ---------------------------------------------------------------------------------------------------------------
// Arguments.

/** A parameter this file has no rule for: the sweep names it, and a rule gets added. */
export class NoRule extends Error {
  override readonly name = 'NoRule';
}

/**
 * How dates are filled: all at the epoch, all at the far future, or as a window (bounds named like an upper bound
 * at the far future, the rest at the epoch). Each method is called with all three, so a read finds whatever its
 * dates could reach.
 */
export type DateMode = 'early' | 'late' | 'window';

const UPPER_BOUND = /before|until|^to$|^ends/i;

interface Ctx {
  readonly f: Fixture;
  readonly method: PortMethod;
  readonly dates: DateMode;
  /** A callback that records what it is called with (a scan's visitor). */
  readonly visitor: () => (...args: unknown[]) => void;
}

function stringFor(name: string, ctx: Ctx): string {
  const { f } = ctx;
  if (name === 'community') return f.B;
  if (name === 'ref' || name === 'from') return f.ref;
  if (name === 'to') return 'hijacked';
  if (name === 'key') return `welcome:${f.user}`;
  if (name === 'job') return f.job;
  if (name === 'period') return f.period;
  if (name === 'eventId') return 'event-1';
  if (name === 'name') return f.name;
  if (name === 'prefix') return '';
  if (name === 'channelId') return 'C0HIJACK';
  if (name === 'messageId') return '1';
  if (name === 'timezone') return 'Asia/Tokyo';
  if (/skill|term/i.test(name)) return f.skill;
  if (/other|suggested/i.test(name) || name === 'toId') return f.other;
  if (/^(mentor|mentee|from)Id$/.test(name)) return f.user;
  if (/user|member|requester|reviewer|host|createdBy/i.test(name)) return f.user;
  if (/Id$/.test(name)) throw new NoRule(`string ${name}`);
  return 'hijack';
}

function numberFor(name: string, ctx: Ctx): number {
  const { f, method } = ctx;
  const ids: Record<string, number> = {
    meetupId: f.meetup,
    seriesId: f.series,
    requestId: f.request,
    pairingId: f.pairing,
    roundId: f.round,
    suggestionId: f.suggestion,
    resourceId: f.resource,
    bookingId: f.booking,
    loanId: f.loan,
    askId: f.ask,
    mentorshipId: f.mentorship,
  };
  // Mentorship's requests are its own, not feedback's.
  if (name === 'requestId' && method.id.startsWith('mentorship.')) return f.mentorRequest;
  if (name in ids) return ids[name]!;
  if (name === 'id') {
    // The id of what the method is about: `getSeries` → a series, `pairing` → a pairing; else the store's own thing.
    for (const [thing, id] of Object.entries(ids)) {
      if (method.method.toLowerCase().includes(thing.replace(/Id$/, '').toLowerCase())) return id;
    }
    if (method.id.startsWith('meetups.')) return f.meetup;
    throw new NoRule(`number id (add which thing ${method.id} means)`);
  }
  if (name === 'limit') return 100;
  if (name === 'offset' || name === 'start' || name === 'after') return 0;
  if (/Id$/.test(name)) throw new NoRule(`number ${name}`);
  return 1;
}

function arrayFor(name: string, of: Shape, ctx: Ctx): unknown[] {
  const { f } = ctx;
  if (of.kind === 'union' && of.options.every((o) => o.kind === 'literal')) {
    return of.options.map((o) => (o as { value: unknown }).value);
  }
  if (of.kind === 'string') {
    if (/user|member/i.test(name)) return [f.user, f.other];
    if (/skill/i.test(name)) return [f.skill];
    return [stringFor(name.replace(/s$/, ''), ctx)];
  }
  if (of.kind === 'number') {
    if (/key/i.test(name)) return [...f.memberKeys];
    throw new NoRule(`number[] ${name}`);
  }
  return [valueFor(name.replace(/s$/, ''), of, ctx)];
}

/** Optional properties filled in (the ids that tie a row to A's things); other optional ones are left out. */
const KEPT_OPTIONAL = /Id$|^createdBy$|^host/;

export function valueFor(name: string, shape: Shape, ctx: Ctx): unknown {
  const { f } = ctx;
  switch (shape.kind) {
    case 'date':
      if (ctx.dates === 'early') return f.from;
      if (ctx.dates === 'late') return f.to;
      return UPPER_BOUND.test(name) ? f.to : f.from;
    case 'community':
      return f.B;
    case 'string':
      return stringFor(name, ctx);
    case 'number':
      return numberFor(name, ctx);
    case 'boolean':
      return true;
    case 'literal':
      return shape.value;
    case 'union': {
      const options = shape.options.filter((o) => o.kind !== 'undefined');
      if (options.length === 0) return undefined;
      // A literal union: the last (statuses end with the ones that change most: `cancelled`, `dismissed`).
      const pick = options.every((o) => o.kind === 'literal') ? options.at(-1)! : options[0]!;
      return valueFor(name, pick, ctx);
    }
    case 'array':
      return arrayFor(name, shape.of, ctx);
    case 'object':
      if (name === 'cursor' && f.cursor) return f.cursor;
      return Object.fromEntries(
        shape.props
          .filter((p) => !p.optional || KEPT_OPTIONAL.test(p.name))
          .map((p) => [p.name, valueFor(p.name, p.shape, ctx)]),
      );
    case 'record':
      return { timezone: 'Europe/Paris', hijacked: true };
    case 'function':
      return ctx.visitor();
    case 'undefined':
      return undefined;
    case 'any':
      return 'hijack';
    case 'unknown':
      throw new NoRule(`${name}: ${shape.text}`);
  }
}

/**
 * The other values worth trying for a parameter: each option of a union (each literal, `undefined` when allowed),
 * `false` for a boolean, and the value of an optional parameter (left out in the base call).
 */
function variantsOf(param: Param): ((ctx: Ctx) => unknown)[] {
  const { name, shape } = param;
  const variants: ((ctx: Ctx) => unknown)[] = [];
  if (param.optional && !isCommunity(param)) variants.push((ctx) => valueFor(name, shape, ctx));
  if (shape.kind === 'boolean') variants.push(() => false);
  if (shape.kind === 'union') {
    for (const o of shape.options)
      variants.push((ctx) => (o.kind === 'undefined' ? undefined : valueFor(name, o, ctx)));
  }
  return variants;
}

export interface Call {
  readonly args: unknown[];
  /** What the scan callbacks among the arguments were called with. */
  readonly visited: unknown[][];
}

/**
 * The calls to make for a method: its arguments with dates early, late and as a window, and with each parameter
 * that has alternatives (a literal union, a boolean, an optional value) set to each of them. Fresh callbacks per
 * call. Throws `NoRule` when a parameter cannot be filled.
 */
export function callsFor(method: PortMethod, f: Fixture): Call[] {
  const calls: Call[] = [];
  const seen = new Set<string>();
  const add = (build: (ctx: Ctx) => unknown[], dates: DateMode) => {
    const visited: unknown[][] = [];
    const ctx: Ctx = {
      f,
      method,
      dates,
      visitor:
        () =>
        (...args: unknown[]) =>
          void visited.push(args),
    };
    const args = build(ctx);
    const key = JSON.stringify(args, (_k, v) => (v === undefined ? '(undefined)' : v));
    if (seen.has(key)) return;
    seen.add(key);
    calls.push({ args, visited });
  };
  // Optional parameters are left out (their widest meaning), except the community, which every call names.
  const base = (ctx: Ctx) =>
    method.params.map((p) => (p.optional && !isCommunity(p) ? undefined : valueFor(p.name, p.shape, ctx)));
  for (const dates of ['early', 'late', 'window'] as const) add(base, dates);
  method.params.forEach((p, i) => {
    for (const variant of variantsOf(p)) {
      add((ctx) => {
        const args = base(ctx);
        args[i] = variant(ctx);
        return args;
      }, 'window');
    }
  });
  return calls;
}

/** Whether the method names a community: a `community` parameter, or one inside an object (or a list of them). */
export function takesCommunity(method: PortMethod): boolean {
  const has = (shape: Shape): boolean =>
    shape.kind === 'community'
      ? true
      : shape.kind === 'object'
        ? shape.props.some((p) => p.name === 'community' || has(p.shape))
        : shape.kind === 'array'
          ? has(shape.of)
          : shape.kind === 'union' && shape.options.some(has);
  return method.params.some((p) => p.name === 'community' || has(p.shape));
}

/** Whether a parameter is a community (every call names one, even where it is optional). */
function isCommunity(param: Param): boolean {
  return param.name === 'community' || param.shape.kind === 'community';
}
