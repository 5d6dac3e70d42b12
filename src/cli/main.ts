/**
 * The `briefsmith` command line. A thin adapter over the pipeline: parses arguments, reads
 * files, writes PDFs atomically and prints results. Returns an exit code; only bin/ exits.
 *
 * Exit codes: 0 success · 1 a brief is invalid or failed to build · 2 usage error · 3 file error.
 */
import { Command, CommanderError, Option } from 'commander';
import { version } from '../version.js';
import { BriefsmithError } from '../errors/errors.js';
import { buildCommand } from './build.js';
import { registerServeCommand } from './serve-command.js';

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
    .description('build PDFs from brief files or folders of briefs (*.yaml, *.yml, *.json)')
    .argument('<paths...>', 'brief files or folders')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-t, --templates <dir>', 'folder whose templates override the built-in ones')
    .addOption(new Option('--page-size <size>', 'page size').choices(['A4', 'Letter']).default('A4'))
    .action(
      async (paths: string[], options: { out: string; templates?: string; pageSize: 'A4' | 'Letter' }) => {
        exitCode = await buildCommand(paths, options);
      },
    );

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
