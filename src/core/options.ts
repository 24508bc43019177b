/**
 * Command options as zod schemas with a little metadata. One schema drives validation, Discord option
 * registration, the Slack/shell text grammar and the help text, so the helpers here are the only way commands
 * declare options.
 */
import { z } from 'zod';

export type OptionType = 'string' | 'integer' | 'number' | 'boolean' | 'user' | 'channel';

/** What the schema of one option says about itself. */
export interface OptionMeta {
  readonly type: OptionType;
  readonly description: string;
  /** Discord autocomplete source; the core answers suggestions for these. */
  readonly autocomplete?: string;
}

export const optionRegistry = z.registry<OptionMeta>();

function withMeta<T extends z.ZodType>(schema: T, meta: OptionMeta): T {
  optionRegistry.add(schema, meta);
  return schema;
}

const onOff = new Map([
  ['on', true],
  ['yes', true],
  ['true', true],
  ['off', false],
  ['no', false],
  ['false', false],
]);

/** Option builders. Descriptions must be 1-100 characters (Discord). */
export const opt = {
  /** Free text, trimmed; `max` characters at most. */
  string: (
    description: string,
    options: { max?: number; min?: number; autocomplete?: OptionMeta['autocomplete'] } = {},
  ) =>
    withMeta(
      z
        .string()
        .trim()
        .min(options.min ?? 1, { message: 'cannot be empty' })
        .max(options.max ?? 200, { message: `must be at most ${options.max ?? 200} characters` }),
      { type: 'string', description, autocomplete: options.autocomplete },
    ),
  integer: (description: string, options: { min?: number; max?: number } = {}) =>
    withMeta(
      z
        .number({ message: 'must be a whole number' })
        .int({ message: 'must be a whole number' })
        .min(options.min ?? Number.MIN_SAFE_INTEGER, { message: `must be at least ${options.min}` })
        .max(options.max ?? Number.MAX_SAFE_INTEGER, { message: `must be at most ${options.max}` }),
      { type: 'integer', description },
    ),
  boolean: (description: string) =>
    withMeta(z.boolean({ message: 'must be on or off' }), { type: 'boolean', description }),
  /** One of a fixed list (Discord choices, ≤ 25). */
  choice: <const T extends readonly [string, ...string[]]>(description: string, values: T) =>
    withMeta(z.enum(values, { message: `must be one of: ${values.join(', ')}` }), { type: 'string', description }),
  /** A member of the community: the value is their platform user id (mentions and @names are resolved). */
  user: (description: string) =>
    withMeta(z.string().min(1, { message: 'must name a member' }), {
      type: 'user',
      description,
      autocomplete: undefined,
    }),
  /** A channel: the value is its platform channel id. */
  channel: (description: string) =>
    withMeta(z.string().min(1, { message: 'must name a channel' }), { type: 'channel', description }),
};

/** Everything the core needs to know about one option of a subcommand. */
export interface OptionSpec extends OptionMeta {
  readonly name: string;
  readonly required: boolean;
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
}

/** Reads the option specs (in declaration order) from a subcommand's args schema. */
export function describeOptions(args: z.ZodObject): OptionSpec[] {
  return Object.entries(args.shape).map(([name, schema]) => describeOption(name, schema as z.ZodType));
}

function describeOption(name: string, schema: z.ZodType): OptionSpec {
  let inner: z.ZodType = schema;
  let required = true;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
      required = false;
      inner = inner.unwrap() as z.ZodType;
    } else break;
  }
  const meta = optionRegistry.get(inner);
  if (!meta) throw new Error(`option "${name}" must be built with opt.*`);
  const choices = inner instanceof z.ZodEnum ? (inner.options as string[]) : undefined;
  const safe = (n: number | null | undefined) =>
    typeof n === 'number' && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined;
  return {
    name,
    required,
    ...meta,
    choices,
    min: inner instanceof z.ZodNumber ? safe(inner.minValue) : undefined,
    max: inner instanceof z.ZodNumber ? safe(inner.maxValue) : undefined,
    maxLength: inner instanceof z.ZodString ? safe(inner.maxLength) : undefined,
  };
}

/** Converts a text value to the option's type before validation; undefined if it cannot be converted. */
export function coerceOption(spec: OptionSpec, raw: string): unknown {
  switch (spec.type) {
    case 'integer':
    case 'number': {
      if (!/^[-+]?\d+(\.\d+)?$/.test(raw.trim())) return raw;
      return Number(raw);
    }
    case 'boolean':
      return onOff.has(raw.toLowerCase()) ? onOff.get(raw.toLowerCase()) : raw;
    default:
      return raw;
  }
}
