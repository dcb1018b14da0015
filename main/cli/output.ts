/** The CLI's only way to print: every line passes a filter that masks the secrets it was given. */
import { visible } from './visible';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const REDACTED = '[redacted]';

export function createRedactor(secrets: readonly string[]): (text: string) => string {
  // Longest first, so a secret that contains another is masked whole.
  const masks = [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (text) => masks.reduce((t, secret) => t.split(secret).join(REDACTED), text);
}

export function createOutput(
  secrets: readonly string[],
  streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): Output {
  const redact = createRedactor(secrets);
  return {
    out: (line) => streams.stdout.write(`${redact(line)}\n`),
    // Warnings and errors quote server text: one line each, whatever it holds.
    err: (line) => streams.stderr.write(`${visible(redact(line))}\n`),
  };
}
