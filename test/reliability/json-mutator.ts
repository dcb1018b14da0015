/**
 * Seeded mutations of JSON values for the API response fuzzer: swapped types, missing fields,
 * nulls, huge strings and arrays, deep nesting. Mutations change the value in place: pass a fresh copy.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

export type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const isContainer = (v: Json): v is Container => typeof v === 'object' && v !== null;

/** Every (container, key) slot in the value, so a mutation can hit any depth. */
function slots(root: Json): { parent: Container; key: string | number }[] {
  const found: { parent: Container; key: string | number }[] = [];
  const walk = (node: Json) => {
    const children: [string | number, Json][] = Array.isArray(node) ? node.map((child, i) => [i, child]) : isContainer(node) ? Object.entries(node) : [];
    for (const [key, child] of children) {
      found.push({ parent: node as Container, key });
      walk(child);
    }
  };
  walk(root);
  return found;
}

const get = (parent: Container, key: string | number): Json => (Array.isArray(parent) ? parent[key as number]! : parent[key as string]!);
function set(parent: Container, key: string | number, value: Json): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else parent[key as string] = value;
}

/** A value of another JSON type than `value`'s, some of them hostile. */
export function otherType(random: Random, value: Json): Json {
  const options: Json[] = [
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -0.5,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    'PENDING',
    'pending',
    '1970-01-01',
    'not a date',
    '42',
    'NaN',
    '<script>alert(1)</script>',
    '\u0000\u202e\ud800',
    [],
    [null],
    {},
    { id: null },
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as Json,
  ];
  const differing = options.filter((o) => typeof o !== typeof value || Array.isArray(o) !== Array.isArray(value) || (o === null) !== (value === null));
  return structuredClone(pick(random, differing.length > 0 ? differing : options));
}

export type Mutation = 'swap-type' | 'delete' | 'null' | 'huge-string' | 'huge-array' | 'deep-nesting' | 'duplicate' | 'empty-container';
/** Weighted: the expensive huge kinds are rarer, so 10,000 cases stay fast while each kind still runs hundreds of times. */
export const MUTATIONS: readonly Mutation[] = [
  ...Array<Mutation>(4).fill('swap-type'),
  ...Array<Mutation>(4).fill('delete'),
  ...Array<Mutation>(3).fill('null'),
  ...Array<Mutation>(2).fill('duplicate'),
  ...Array<Mutation>(2).fill('empty-container'),
  'huge-string',
  'huge-array',
  'deep-nesting',
];

/**
 * Deep nesting is kept as a marker string in the tree (so mutating and copying stay shallow) and
 * expanded by `serialise`, up to depths that break recursive code (JSON.parse itself copes).
 */
const DEEP_MAX = 50_000;
/** Rough upper bound on what one huge-array mutation adds. */
const HUGE_ARRAY_BYTES = 1_000_000;
const DEEP_MARKER = /"\\u0000deep:(\d+):([ao])"/g;

export function serialise(root: Json): string {
  return (JSON.stringify(root) ?? 'null').replace(DEEP_MARKER, (_m, n: string, shape: string) => {
    const depth = Number(n);
    return shape === 'a' ? `${'['.repeat(depth)}0${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;
  });
}

/**
 * Applies one mutation somewhere inside `root` (which it changes in place) and returns the new
 * root (a mutation may replace the root itself).
 */
export function mutate(random: Random, root: Json, kind: Mutation): Json {
  const all = slots(root);
  if (all.length === 0) return otherType(random, root);
  const { parent, key } = pick(random, all);
  const current = get(parent, key);
  switch (kind) {
    case 'swap-type':
      set(parent, key, otherType(random, current));
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'null':
      set(parent, key, null);
      break;
    case 'huge-string':
      set(parent, key, pick(random, ['x', 'é', '🍕', '\\"', '9']).repeat(Math.floor(20_000 + random() * 200_000)));
      break;
    case 'huge-array': {
      // Bounded by size, not only by count: copies of a big object would make the case itself too big to build.
      const text = JSON.stringify(current) ?? '';
      const copyable = !text.includes('\\u0000deep:');
      const length = Math.min(Math.floor(1_000 + random() * 30_000), Math.floor(HUGE_ARRAY_BYTES / Math.max(8, text.length)));
      const other = otherType(random, current);
      set(parent, key, Array.from({ length }, () => (copyable && random() < 0.5 ? current : other)));
      break;
    }
    case 'deep-nesting':
      set(parent, key, `\u0000deep:${Math.floor(1_000 + random() * DEEP_MAX)}:${random() < 0.5 ? 'a' : 'o'}`);
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(current));
      else parent[`${key}_copy`] = structuredClone(current);
      break;
    case 'empty-container':
      set(parent, key, Array.isArray(current) ? [] : isContainer(current) ? {} : current);
      break;
  }
  return root;
}

export type { Json };
