/**
 * `briefsmith build --watch`: build once, then rebuild whenever a data file or a template changes,
 * after a quiet period (debounce) so an editor's save-rename-chmod burst is one rebuild. Each
 * rebuild is an ordinary incremental batch, so only the briefs whose inputs changed are built:
 * a data edit rebuilds that brief, a template edit rebuilds the briefs that use the template.
 * An invalid edit prints its diagnostics and the watcher keeps going; Ctrl-C or SIGTERM stops it.
 */
import { watch, type FSWatcher } from 'chokidar';
import { extname } from 'node:path';
import { BriefsmithError } from '../errors/errors.js';
import { briefExtensions, findBriefFiles } from '../io/files.js';
import type { ResolvedConfig } from '../config/load.js';
import { builtinTemplatesDir } from '../prose/templates.js';
import { buildOnce, createRunner, stopOnSignals } from './build.js';
import { printDiagnostics } from './report.js';

export interface WatchOptions {
  force: boolean;
  /** Stops watching; defaults to SIGINT/SIGTERM. */
  signal?: AbortSignal;
}

export async function watchCommand(
  inputs: string[],
  config: ResolvedConfig,
  options: WatchOptions,
): Promise<number> {
  const signals = options.signal ? undefined : stopOnSignals();
  const signal = options.signal ?? (signals as { signal: AbortSignal }).signal;
  const runner = await createRunner(config, Number.MAX_SAFE_INTEGER);
  const watcher = watch([...inputs, builtinTemplatesDir, ...(config.templates ? [config.templates] : [])], {
    ignoreInitial: true,
    awaitWriteFinish: false,
  });
  try {
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
    let force = options.force;
    const rebuild = async () => {
      await rebuildSafely(inputs, config, runner, force);
      force = false;
      console.log(`watching ${inputs.join(', ')} and templates for changes (Ctrl-C to stop)`);
    };
    await rebuild();
    await runOnChanges(watcher, config.watch.debounceMs, signal, rebuild);
    return 0;
  } finally {
    await watcher.close();
    await runner.close();
    signals?.dispose();
  }
}

async function rebuildSafely(
  inputs: string[],
  config: ResolvedConfig,
  runner: Awaited<ReturnType<typeof createRunner>>,
  force: boolean,
): Promise<void> {
  try {
    await buildOnce(findBriefFiles(inputs), config, runner, { force, quietUnchanged: true });
  } catch (error) {
    if (!(error instanceof BriefsmithError)) throw error;
    // A broken template or a vanished folder: report it and wait for the next edit.
    if (error.diagnostics.length > 0) printDiagnostics(error.diagnostics);
    else console.error(`briefsmith: ${error.message}`);
  }
}

/** Calls `rebuild` after each burst of relevant changes; never two rebuilds at once. */
function runOnChanges(
  watcher: FSWatcher,
  debounceMs: number,
  signal: AbortSignal,
  rebuild: () => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let again = false;
    const fire = () => {
      if (running) {
        again = true;
        return;
      }
      running = rebuild()
        .catch(reject)
        .finally(() => {
          running = undefined;
          if (again && !signal.aborted) {
            again = false;
            fire();
          }
        });
    };
    watcher.on('all', (_event, path) => {
      if (!isRelevant(path)) return;
      clearTimeout(timer);
      timer = setTimeout(fire, debounceMs);
    });
    const stop = () => {
      clearTimeout(timer);
      void (running ?? Promise.resolve()).then(() => resolve());
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

function isRelevant(path: string): boolean {
  const extension = extname(path).toLowerCase();
  return extension === '.hbs' || briefExtensions.includes(extension);
}
