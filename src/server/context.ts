/** What every route module receives: the options, the catalog, the queue and the run state. */
import type { Catalog } from './catalog.js';
import type { ServerOptions } from './options.js';
import type { RenderQueue } from './render-queue.js';
import type { WorkerRenderer } from './renderer.js';
import type { TemplateSet } from '../prose/templates.js';

export interface ServerState {
  /** Set when close() starts: /readyz fails and renders are refused from then on. */
  shuttingDown: boolean;
}

export interface ServerContext {
  options: ServerOptions;
  catalog: Catalog;
  queue: RenderQueue;
  renderer: WorkerRenderer;
  templates: TemplateSet;
  state: ServerState;
}
