/**
 * The `briefsmith` command line. A thin adapter over the pipeline: parses arguments, reads
 * files, writes PDFs atomically and prints results. Returns an exit code; only bin/ exits.
 *
 * Exit codes: 0 success · 1 a brief is invalid or failed to build · 2 usage error · 3 file error.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { version } from '../version.js';
import { BriefsmithError } from '../errors/errors.js';
import type { BuildOptions } from './build.js';
import type { DiffOptions, DistributeOptions } from './distribute.js';
import type { RollbackOptions } from './rollback.js';
import type { ScheduleOptions } from './schedule.js';
import { registerServeCommand } from './serve-command.js';
import type { ValidateOptions } from './validate.js';
import type { WorkerOptions } from './worker.js';

// Each command's module is imported when that command runs, so start-up loads only what the
// command needs (a cold `briefsmith build` does not load Fastify, BullMQ or the mailer).

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('briefsmith')
    .description('Typeset PDF comparative-analysis briefs from validated YAML or JSON data.')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run briefsmith --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 invalid brief or failed build, 2 usage error, 3 file error.',
    );

  program
    .command('build')
    .description(
      'build PDFs from brief files or folders of briefs (*.yaml, *.yml, *.json); see docs/batch.md',
    )
    .argument('[paths...]', 'brief files or folders (default: "data" from the config)')
    .option('-o, --out <dir>', 'output folder (default: output)')
    .option('-t, --templates <dir>', 'folder whose templates override the built-in ones')
    .addOption(new Option('--page-size <size>', 'page size (default: A4)').choices(['A4', 'Letter']))
    .option('-j, --jobs <n>', 'worker threads (default: number of CPUs)', positiveInteger('--jobs', 1))
    .option('--keep <n>', 'earlier versions kept per brief (default: 5)', positiveInteger('--keep', 0))
    .option('-f, --force', 'rebuild briefs whose inputs did not change')
    .option('-w, --watch', 'rebuild affected briefs when data or templates change')
    .option('-c, --config <file>', 'configuration file (default: briefsmith.config.{ts,json,yaml} here)')
    .option('--data-notes', 'list integrity warnings in a "Data notes" appendix of the PDF')
    .action(async (paths: string[], options: BuildOptions) => {
      exitCode = await (await import('./build.js')).buildCommand(paths, options);
    });

  program
    .command('validate')
    .description('check briefs (schema, citations, integrity rules R1–R20) without building PDFs')
    .argument('<paths...>', 'brief files or folders')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'fail (exit 1) on warnings too', false)
    .option('-c, --config <file>', 'configuration file (default: briefsmith.config.{ts,json,yaml} here)')
    .action(async (paths: string[], options: ValidateOptions) => {
      exitCode = await (await import('./validate.js')).validateCommand(paths, options);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the brief data format')
    .action(async () => {
      exitCode = (await import('./schema.js')).schemaCommand();
    });

  program
    .command('rollback')
    .description('restore an earlier kept version of a brief as its published PDF')
    .argument('<id>', 'brief id (the PDF name without .pdf)')
    .option('--to <version>', 'version to restore (default: the previous one)', positiveInteger('--to', 1))
    .option('-o, --out <dir>', 'output folder (default: output)')
    .option('-c, --config <file>', 'configuration file')
    .action(async (id: string, options: RollbackOptions) => {
      exitCode = await (await import('./rollback.js')).rollbackCommand(id, options);
    });

  program
    .command('schedule')
    .description('regenerate briefs on the cron schedules of the config file (runs until SIGTERM)')
    .option('--once <name>', 'run one schedule now and exit')
    .option('-o, --out <dir>', 'output folder (default: output)')
    .option('-j, --jobs <n>', 'worker threads (default: number of CPUs)', positiveInteger('--jobs', 1))
    .option('-c, --config <file>', 'configuration file')
    .action(async (options: ScheduleOptions) => {
      exitCode = await (await import('./schedule.js')).scheduleCommand(options);
    });

  program
    .command('distribute')
    .description('retry undelivered feed/webhook/email deliveries; with --since, re-send publications')
    .option(
      '--since <version>',
      're-send every recorded publication of at least this version',
      positiveInteger('--since', 1),
    )
    .option('--dry-run', 'list what would be sent, send nothing')
    .option('-o, --out <dir>', 'output folder (default: output)')
    .option('-c, --config <file>', 'configuration file')
    .action(async (options: DistributeOptions) => {
      exitCode = await (await import('./distribute.js')).distributeCommand(options);
    });

  program
    .command('diff')
    .description("what changed in a brief's data between two published versions (default: the last two)")
    .argument('<id>', 'brief id')
    .option('--from <version>', 'older version', positiveInteger('--from', 1))
    .option('--to <version>', 'newer version (default: the latest)', positiveInteger('--to', 1))
    .option('-o, --out <dir>', 'output folder (default: output)')
    .option('-c, --config <file>', 'configuration file')
    .action(async (id: string, options: DiffOptions) => {
      exitCode = await (await import('./distribute.js')).diffCommand(id, options);
    });

  program
    .command('worker')
    .description('render build jobs from the Redis queue of the config file (BullMQ) until SIGTERM')
    .option(
      '--concurrency <n>',
      'jobs rendered at once, each on its own thread (default: 1)',
      positiveInteger('--concurrency', 1),
    )
    .option('-c, --config <file>', 'configuration file')
    .action(async (options: WorkerOptions) => {
      exitCode = await (await import('./worker.js')).workerCommand(options);
    });

  registerServeCommand(program, (code) => (exitCode = code));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof BriefsmithError) {
      console.error(`briefsmith: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

/** Commander parser for whole-number options; a bad value is a usage error (exit 2). */
function positiveInteger(flag: string, min: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min) {
      throw new InvalidArgumentError(`${flag} needs a whole number ≥ ${min}.`);
    }
    return number;
  };
}
