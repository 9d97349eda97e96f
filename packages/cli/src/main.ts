// The `incent` command line: parses arguments (commander) and dispatches to one file per
// command. Exit codes are spec §7's: 0 ok, 1 plan errors, 2 data errors, 3 evaluation errors,
// 64 usage errors. An unexpected exception is a bug: it is reported, never a silent crash.
import { Command, CommanderError, Option } from 'commander';
import { checkCommand } from './commands/check';
import { compileCommand } from './commands/compile';
import { runCommand } from './commands/run';
import { EXIT, processIo, UsageError, type Io } from './io';

export const VERSION = '0.1.0';

/** Runs the CLI with `argv` (without `node` and the script); returns the exit code. */
export function main(argv: readonly string[], io: Io = processIo): number {
  let code: number = EXIT.ok;
  const program = new Command('incent')
    .description('Incent: exact, explainable incentive plans')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run `incent help` for usage)');

  program
    .command('check')
    .description('check a plan and print its diagnostics (exit 1 on any error)')
    .argument('<plan>', 'the plan file (.incent)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((plan: string, options: { format: 'text' | 'json' }) => { code = checkCommand(plan, options, io); });

  program
    .command('compile')
    .description('compile a plan to its JSON IR')
    .argument('<plan>', 'the plan file (.incent)')
    .option('-o, --output <file>', 'where to write the IR (default: standard output)')
    .action((plan: string, options: { output?: string }) => { code = compileCommand(plan, options, io); });

  program
    .command('run')
    .description('compute payouts from a plan (or its IR) and a folder of data')
    .argument('<plan>', 'the plan (.incent) or its compiled IR (.json)')
    .requiredOption('--data <dir>', 'the folder with one data file per input (NAME.csv, NAME.json or NAME.jsonl)')
    .option('--period <period>', 'report only this period, e.g. 2027-Q1 (earlier periods are evaluated too)')
    .option('--payee <id>', 'report only this payee')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--explain', 'explain every line: records, base, rate, tiers, gates, caps')
    .option('--skip-bad-rows', 'compute with the good rows and list each rejected row')
    .action((plan: string, options: Parameters<typeof runCommand>[1]) => { code = runCommand(plan, options, io); });

  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      return EXIT.usage;
    }
    io.err(`incent: internal error (this is a bug; please report it): ${(error as Error).stack ?? error}`);
    return 70;
  }
  return code;
}
