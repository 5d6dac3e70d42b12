/** The `serve` subcommand's options for commander, kept beside serve.ts instead of in main.ts. */
import { Option, type Command } from 'commander';
import { integerIn, serveCommand, serveDefaults, type ServeOptions } from './serve.js';

export function registerServeCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('serve')
    .description('serve briefs over HTTP: catalog, on-demand PDFs and POST /v1/render (docs/server.md)')
    .addOption(
      new Option('-p, --port <port>', 'port (0 picks a free one)')
        .argParser(integerIn(0, 65535))
        .default(serveDefaults.port)
        .env('BRIEFSMITH_PORT'),
    )
    .addOption(
      new Option('--host <host>', 'address to listen on').default(serveDefaults.host).env('BRIEFSMITH_HOST'),
    )
    .option('-d, --data <dir>', 'folder of brief files', 'data')
    .option('-o, --out <dir>', 'output folder for PDFs and manifest.json', 'output')
    .option('-t, --templates <dir>', 'folder whose templates override the built-in ones')
    .option(
      '-c, --config <file>',
      'config file whose integrity, dataNotes and keep settings apply, as in build (default: briefsmith.config.* here)',
    )
    .addOption(new Option('--page-size <size>', 'page size').choices(['A4', 'Letter']).default('A4'))
    .addOption(
      new Option('--body-limit <bytes>', 'largest request body (413 above)')
        .argParser(integerIn(1024, 64 * 1024 * 1024))
        .default(serveDefaults.bodyLimit)
        .env('BRIEFSMITH_BODY_LIMIT'),
    )
    .addOption(
      new Option('--concurrency <n>', 'renders running at once')
        .argParser(integerIn(1, 64))
        .default(serveDefaults.concurrency)
        .env('BRIEFSMITH_CONCURRENCY'),
    )
    .addOption(
      new Option('--max-queue <n>', 'renders waiting for a slot before 429')
        .argParser(integerIn(0, 10_000))
        .default(serveDefaults.maxQueue)
        .env('BRIEFSMITH_MAX_QUEUE'),
    )
    .addOption(
      new Option('--render-timeout <ms>', 'answer 503 when a render runs longer')
        .argParser(integerIn(1, 600_000))
        .default(serveDefaults.renderTimeout)
        .env('BRIEFSMITH_RENDER_TIMEOUT'),
    )
    .addOption(
      new Option('--shutdown-delay <ms>', 'on SIGTERM, fail /readyz this long before closing the listener')
        .argParser(integerIn(0, 600_000))
        .default(serveDefaults.shutdownDelay)
        .env('BRIEFSMITH_SHUTDOWN_DELAY'),
    )
    .addOption(
      new Option('--log-level <level>', 'pino log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info')
        .env('BRIEFSMITH_LOG_LEVEL'),
    )
    .action(async (options: ServeOptions) => {
      setExitCode(await serveCommand(options));
    });
}
