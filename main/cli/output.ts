/**
 * The CLI's only way to print: every line passes the app's one redactor (main/redact.ts), which
 * masks the secrets it was given and every token the client is issued, in every spelling.
 */
import { createRedactor } from '../redact';
import { visible } from './visible';

export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** A secret learned while running (an issued token): masked from now on. */
  register(secret: string): void;
}

export function createOutput(
  secrets: readonly string[],
  streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): Output {
  const redactor = createRedactor(secrets);
  return {
    out: (line) => streams.stdout.write(`${redactor.redact(line)}\n`),
    // Warnings and errors quote server text: one line each, whatever it holds.
    err: (line) => streams.stderr.write(`${visible(redactor.redact(line))}\n`),
    register: (secret) => redactor.register(secret),
  };
}
