// The `incent` command line: parses arguments (commander) and dispatches to one file per
// command. Exit codes are spec §7's: 0 ok, 1 plan errors, 2 data errors, 3 evaluation errors,
// 64 usage errors. An unexpected exception is a bug: it is reported, never a silent crash.
import { Command, CommanderError, Option } from 'commander';
import { checkCommand } from './commands/check';
import { compileCommand } from './commands/compile';
import { runCommand } from './commands/run';
import { fmtCommand } from './commands/fmt';
import { diffCommand } from './commands/diff';
import { docCommand } from './commands/doc';
import { explainCommand } from './commands/explain';
import { testCommand } from './commands/test';
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

  program
    .command('fmt')
    .description('format plans in place (only files that change are written, and listed)')
    .argument('<plans...>', 'the plan files (.incent)')
    .option('--check', 'write nothing; list the files that would change and exit 1 if any would')
    .action((plans: string[], options: { check?: boolean }) => { code = fmtCommand(plans, options, io); });

  program
    .command('diff')
    .description('what changed between two versions of a plan, in plain words, and with data what it does to each payee\'s pay')
    .argument('<old>', 'the old plan: a file (.incent or IR .json) or git:REV:path')
    .argument('<new>', 'the new plan: a file (.incent or IR .json) or git:REV:path')
    .option('--data <dir>', 'compare payouts on this data: per payee and period, totals, cost of sales')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .option('--threshold <change>', 'list every payee whose pay moves by more than this (10% or an amount)', '10%')
    .action((oldPlan: string, newPlan: string, options: Parameters<typeof diffCommand>[2]) => { code = diffCommand(oldPlan, newPlan, options, io); });

  program
    .command('doc')
    .description('write the plan\'s playbook: one self-contained HTML page with rules, tables, curves and worked examples')
    .argument('<plan>', 'the plan (.incent) or its compiled IR (.json)')
    .option('--data <dir>', 'take worked examples from this data')
    .option('-o, --output <file>', 'where to write the HTML (default: standard output)')
    .action((plan: string, options: Parameters<typeof docCommand>[1]) => { code = docCommand(plan, options, io); });

  program
    .command('explain')
    .description('a payee\'s statement for one period: each line, each record behind it, and why')
    .argument('<plan>', 'the plan (.incent) or its compiled IR (.json)')
    .requiredOption('--data <dir>', 'the folder with one data file per input')
    .requiredOption('--payee <id>', 'the payee')
    .requiredOption('--period <period>', 'the period, e.g. 2027-Q1')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
    .option('-o, --output <file>', 'where to write the statement (default: standard output)')
    .action((plan: string, options: Parameters<typeof explainCommand>[1]) => { code = explainCommand(plan, options, io); });

  program
    .command('test')
    .description('run plan tests (*.incent-test): inline data and the payouts expected')
    .argument('[path]', 'a test file, a plan (its tests), or a folder searched recursively (default: .)')
    .option('--coverage', 'list the components, tiers, bands, gates and caps no test exercised')
    .option('--coverage-threshold <percent>', 'fail when coverage is below this percentage (implies --coverage)')
    .option('--run <text>', 'run only the tests whose name contains this text')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((path: string | undefined, options: Parameters<typeof testCommand>[1]) => { code = testCommand(path, options, io); });

  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return usageError(argv, error.message.replace(/^error: /, ''), io);
    }
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      return usageError(argv, error.message, io);
    }
    io.err(`incent: internal error (this is a bug; please report it): ${(error as Error).stack ?? error}`);
    return 70;
  }
  return code;
}

/** Exit 64; with `--format json`, the error is JSON on standard output too (spec §7: failures are JSON there). */
function usageError(argv: readonly string[], message: string, io: Io): number {
  const json = argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
  if (json) io.out(JSON.stringify({ errors: [{ kind: 'usage', message }] }, null, 2));
  return EXIT.usage;
}
