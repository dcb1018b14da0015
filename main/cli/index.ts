/**
 * `npm run --silent cli -- <command>`: the notifier without Electron. Thin composition only:
 * arguments → configuration → Clopos client → watch engine → printer.
 */
import { parseCli, secretValues, USAGE } from './args';
import { runCheck, runPollOnce, runWatch } from './commands';
import { createOutput } from './output';
import { runReport } from './report';

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const io = createOutput(secretValues(argv, env));
  const parsed = parseCli(argv, env);
  if (parsed.kind === 'usage-error') {
    io.err(parsed.message);
    io.err('Run with --help for usage.');
    return 2;
  }
  if (parsed.kind === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (parsed.kind === 'report') {
    try {
      return runReport(parsed.command, io);
    } catch (cause) {
      io.err(`The report could not be made: ${cause instanceof Error ? cause.message : String(cause)}`);
      return 1;
    }
  }
  const { command, config } = parsed;
  try {
    if (command.name === 'check') return await runCheck(config, command.json, io);
    if (command.name === 'poll') return await runPollOnce(config, command.json, io);
    return await runWatch(config, command.json, io);
  } catch (cause) {
    io.err(`internal error: ${cause instanceof Error ? cause.message : String(cause)}`);
    return 1;
  }
}

const argv = process.argv.slice(2);
main(argv, process.env).then(
  // Exit once stdout has flushed: lingering keep-alive sockets must not hold the process open.
  (code) => process.stdout.write('', () => process.exit(code)),
  (cause: unknown) => {
    createOutput(secretValues(argv, process.env)).err(`internal error: ${String(cause)}`);
    process.exit(1);
  },
);
