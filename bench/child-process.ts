/** Runs a bench script in its own Node process (for --expose-gc, or a clean start-up). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs a bench script in a child Node with tsx and extra flags; returns the JSON after `marker`. */
export function runChild<T>(script: string, args: string[], nodeFlags: string[], marker: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(here, script), ...args], {
      cwd: path.dirname(here),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(`${marker} `));
      if (!line) {
        reject(new Error(`${script} ended (${signal ?? `exit ${code}`}) without a ${marker} line:\n${stderr.slice(-4000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(marker.length + 1)) as T);
    });
  });
}
