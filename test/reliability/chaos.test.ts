/**
 * Kill-and-restart chaos with real processes: the headless `watch --json` runs against the
 * simulator while orders arrive, is SIGKILLed at random moments 30 times and restarted on the same
 * state folder; between some restarts its announced record is damaged. Every order must be
 * announced at least once. An order may be announced twice only when the record the restarted
 * process found did not hold it: the kill fell between announcing and persisting (the documented
 * window), or the record had been damaged.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcedFileName } from '../../main/watch';
import { createRandom } from '../../sim/generator';
import { cliEnvFor, DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { cliEnv, runCli, type CliRun } from './cli-process';
import { corrupt, type CorruptionKind } from './corruptions';

const SEED = Number(process.env.CHAOS_SEED ?? 6);
const KILLS = 30;
const SECRET = 'chaos-Secret-7f3a91';
/** A kill later than this after an announcement must find it persisted: the window is one atomic write. */
const WINDOW_BOUND_MS = 1000;
/** Lives before which the record is damaged, and how. */
const DAMAGE: ReadonlyMap<number, CorruptionKind> = new Map([
  [4, 'truncated'],
  [9, 'garbage'],
  [14, 'wrong-types'],
  [19, 'huge'],
  [23, 'invalid-utf8'],
  [27, 'empty'],
]);

interface Life {
  index: number;
  damage: CorruptionKind | null;
  /** Ids in the record when the process started (empty when it was damaged). */
  recordAtStart: Set<string>;
  announced: { id: string; at: number }[];
  killedAt: number | null;
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  stderr: string;
  /** Announced in this life but not in the record after the kill, with ms from the line to the kill. */
  unpersisted: { id: string; gapMs: number }[];
}

const random = createRandom(SEED);
let sim: Simulator;
let stateDir: string;
let recordFile: string;
const lives: Life[] = [];
const created: string[] = [];
let summary = '';

function readRecord(): Set<string> {
  try {
    const parsed = JSON.parse(readFileSync(recordFile, 'utf8')) as { version?: unknown; entries?: unknown };
    if ((parsed.version !== 1 && parsed.version !== 2) || !Array.isArray(parsed.entries)) return new Set();
    return new Set(parsed.entries.flatMap((e: { id?: unknown }) => (typeof e?.id === 'string' ? [e.id] : [])));
  } catch {
    return new Set();
  }
}

function announcedIn(run: CliRun): { id: string; at: number }[] {
  return run.lines.flatMap(({ at, text }) => {
    let a: { type?: string; order?: { id: string }; orders?: { id: string }[] };
    try {
      a = JSON.parse(text) as typeof a;
    } catch {
      throw new Error(`watch --json printed a line that is not JSON: ${text.slice(0, 200)}`);
    }
    if (a.type === 'new-order' && a.order) return [{ id: a.order.id, at }];
    if (a.type === 'summary' && a.orders) return a.orders.map((o) => ({ id: o.id, at }));
    return [];
  });
}

function damageRecord(kind: CorruptionKind, life: number): void {
  const valid = existsSync(recordFile) ? readFileSync(recordFile, 'utf8') : JSON.stringify({ version: 1, entries: [] });
  const wrongTypes = { version: '1', entries: [{ id: 42, firstSeenAt: 'yesterday', leftAt: {} }, 'x', null] };
  writeFileSync(recordFile, corrupt(kind, valid, wrongTypes, 5 * 1024 * 1024, SEED + life));
}

const between = (min: number, max: number) => min + random() * (max - min);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The restaurant, in real time: orders keep arriving; announced ones are sometimes accepted. */
function startFeeding(announced: () => Set<string>): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    created.push(String(sim.addOrder().id));
    const seen = announced();
    const acceptable = sim.orders().filter((o) => o.status === 'PENDING' && seen.has(String(o.id)));
    if (acceptable.length > 0 && random() < 0.7) sim.accept(acceptable[Math.floor(random() * acceptable.length)]!.id);
    timer = setTimeout(tick, between(150, 500));
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

beforeAll(async () => {
  sim = await startSimulator({ clientSecret: SECRET });
  stateDir = await mkdtemp(join(tmpdir(), 'chaos-state-'));
  recordFile = join(stateDir, announcedFileName({ api: 'v2', brand: DEMO_CREDENTIALS.brand, baseUrl: sim.url }));
  const env = cliEnv(cliEnvFor(sim, SECRET));
  const args = ['watch', '--json', '--interval', '3', '--state-dir', stateDir];
  const everAnnounced = () => new Set(lives.flatMap((l) => l.announced.map((a) => a.id)));
  const stopFeeding = startFeeding(everAnnounced);

  for (let index = 0; index < KILLS; index += 1) {
    const damage = DAMAGE.get(index) ?? null;
    if (damage) damageRecord(damage, index);
    const life: Life = { index, damage, recordAtStart: readRecord(), announced: [], killedAt: null, exit: null, stderr: '', unpersisted: [] };
    lives.push(life);
    const run = runCli(args, env);
    if (damage) {
      // Let it read the damaged record and say so, then kill it at a random moment.
      await run.until(() => /warn: .*announced-orders record/.test(run.stderr()), 8_000);
      await sleep(between(0, 1500));
    } else if (index % 3 === 0) {
      // Aim at the window: kill the moment an announcement appears.
      const before = announcedIn(run).length;
      await run.until(() => announcedIn(run).length > before, 5_000);
    } else {
      await sleep(between(200, 3000));
    }
    life.killedAt = Date.now();
    run.child.kill('SIGKILL');
    life.exit = await run.exited;
    life.stderr = run.stderr();
    life.announced = announcedIn(run);
    const record = readRecord();
    life.unpersisted = life.announced.filter((a) => !record.has(a.id)).map((a) => ({ id: a.id, gapMs: life.killedAt! - a.at }));
  }

  // A last, clean life: every order still pending gets its chance, then a normal stop.
  stopFeeding();
  const final: Life = { index: KILLS, damage: null, recordAtStart: readRecord(), announced: [], killedAt: null, exit: null, stderr: '', unpersisted: [] };
  lives.push(final);
  const run = runCli(args, env);
  const all = () => {
    const seen = new Set([...everAnnounced(), ...announcedIn(run).map((a) => a.id)]);
    return created.every((id) => seen.has(id));
  };
  // A normal stop of a running watch: wait until it watches (when every order was already announced
  // in earlier lives, `all` holds at once and a SIGTERM could land before the CLI has started).
  await run.until(() => all() && /Watching brand/.test(run.stderr()), 15_000);
  run.child.kill('SIGTERM');
  final.exit = await run.exited;
  final.stderr = run.stderr();
  final.announced = announcedIn(run);

  const counts = new Map<string, number>();
  for (const a of lives.flatMap((l) => l.announced)) counts.set(a.id, (counts.get(a.id) ?? 0) + 1);
  const windowHits = lives.flatMap((l) => l.unpersisted);
  summary =
    `chaos seed ${SEED}: ${created.length} orders, ${lives.length} lives (${KILLS} SIGKILLs, ${DAMAGE.size} damaged records), ` +
    `${counts.size} announced, ${[...counts.values()].filter((n) => n > 1).length} announced more than once, ` +
    `${windowHits.length} kill(s) inside the announce→persist window (largest gap ${Math.max(0, ...windowHits.map((w) => w.gapMs))} ms)`;
  console.log(summary);
}, 110_000);

afterAll(async () => {
  await sim?.close();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

describe(`kill-and-restart chaos (seed ${SEED})`, () => {
  it('killed the watch 30 times while orders arrived, and it stopped cleanly the last time', () => {
    const killed = lives.filter((l) => l.exit?.signal === 'SIGKILL');
    expect(killed, summary).toHaveLength(KILLS);
    expect(lives.at(-1)!.exit, `${summary}\n${lives.at(-1)!.stderr}`).toEqual({ code: 0, signal: null });
    expect(created.length, summary).toBeGreaterThan(KILLS);
    expect(lives.filter((l) => l.announced.length > 0).length, summary).toBeGreaterThan(KILLS / 2);
  });

  it('announced every order at least once', () => {
    const announced = new Set(lives.flatMap((l) => l.announced.map((a) => a.id)));
    expect(created.filter((id) => !announced.has(id)), summary).toEqual([]);
  });

  it('announced an order again only when the record it restarted with did not hold it', () => {
    const earlier = new Set<string>();
    const unexplained: string[] = [];
    for (const life of lives) {
      for (const a of life.announced) {
        if (earlier.has(a.id) && life.recordAtStart.has(a.id)) unexplained.push(`${a.id} in life ${life.index}`);
      }
      for (const a of life.announced) earlier.add(a.id);
    }
    expect(unexplained, summary).toEqual([]);
  });

  it('re-announced an order only after a damaged record or a kill inside the announce→persist window', () => {
    const firstLife = new Map<string, number>();
    const notPersistedIn = new Map<string, number>();
    const unexplained: string[] = [];
    for (const life of lives) {
      for (const a of life.announced) {
        const first = firstLife.get(a.id);
        if (first === undefined || first === life.index) continue;
        const killedInWindow = (notPersistedIn.get(a.id) ?? Infinity) < life.index;
        const damagedSince = lives.some((l) => l.damage !== null && l.index > first && l.index <= life.index);
        if (!killedInWindow && !damagedSince) unexplained.push(`${a.id} in life ${life.index}`);
      }
      for (const a of life.announced) if (!firstLife.has(a.id)) firstLife.set(a.id, life.index);
      for (const u of life.unpersisted) notPersistedIn.set(u.id, life.index);
    }
    expect(unexplained, summary).toEqual([]);
  });

  it(`keeps the announce→persist window short: no kill ${WINDOW_BOUND_MS} ms after an announcement finds it unsaved`, () => {
    const slow = lives.flatMap((l) => l.unpersisted.filter((u) => u.gapMs >= WINDOW_BOUND_MS).map((u) => `${u.id} (${u.gapMs} ms, life ${l.index})`));
    expect(slow, summary).toEqual([]);
  });

  it('starts on a damaged record, warns, keeps the bad file aside and misses nothing', () => {
    for (const life of lives.filter((l) => l.damage)) {
      expect(life.stderr, `life ${life.index} (${life.damage})`).toMatch(/warn: .*announced-orders record/);
    }
    const backups = readdirSync(stateDir).filter((n) => n.includes('.bad-'));
    expect(backups.length, readdirSync(stateDir).join(', ')).toBeGreaterThan(0);
    expect(readRecord().size, 'the record is valid again after the last life').toBeGreaterThan(0);
  });
});
