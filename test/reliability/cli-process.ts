/** Runs the real headless CLI (`node --import tsx main/cli/index.ts …`) and collects what it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export interface CliRun {
  child: ChildProcess;
  /** Complete stdout lines so far, each with the real time it arrived. */
  lines: { at: number; text: string }[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves true once `predicate` holds for what was printed, false after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs: number): Promise<boolean>;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: CliRun['lines'] = [];
  let partial = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    const at = Date.now();
    for (const text of parts) if (text.trim() !== '') lines.push({ at, text });
    notify();
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
    notify();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on('close', (code, signal) => {
      if (partial.trim() !== '') lines.push({ at: Date.now(), text: partial });
      partial = '';
      notify();
      done({ code, signal });
    });
  });
  let closed = false;
  void exited.then(() => (closed = true));

  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    until(predicate, timeoutMs) {
      return new Promise((done) => {
        const check = () => {
          if (predicate()) finish(true);
          else if (closed) finish(false);
        };
        const timer = setTimeout(() => finish(false), timeoutMs);
        const finish = (value: boolean) => {
          clearTimeout(timer);
          waiters.delete(check);
          done(value);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** The environment for the CLI without any CLOPOS_* the developer may have set. */
export function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLOPOS_')));
  return { ...base, ...extra };
}
