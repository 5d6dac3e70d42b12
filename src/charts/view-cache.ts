/**
 * A small least-recently-used set of live vega Views, one per chart structure (a spec without its
 * data values). Compiling and parsing a spec and building its dataflow cost ~20 ms per chart;
 * feeding new values into an existing View costs a few. Each entry holds one View's dataflow
 * state, so the set is bounded and evicted Views are finalised.
 */
import type * as vega from 'vega';

/** Runs tasks one after another: a reused View holds one data set at a time. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    // A failed task must not block the ones queued after it; its caller sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export interface ReusableView {
  view: vega.View;
  /** Compiler warnings, reported with every render because they belong to the structure. */
  compileWarnings: readonly string[];
  /** Where the View's logger puts warnings; emptied at the start of every render. */
  runWarnings: string[];
  queue: SerialQueue;
}

export class ViewCache {
  private readonly entries = new Map<string, ReusableView>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry for `key`, built when missing; marks it most recently used. */
  acquire(key: string, build: () => ReusableView): ReusableView {
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const built = build();
    this.entries.set(key, built);
    this.evictBeyondCapacity();
    return built;
  }

  /** Forgets `entry` (if it is still the one cached under `key`) and finalises its View. */
  evict(key: string, entry: ReusableView): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
    finaliseWhenIdle(entry);
  }

  clear(): void {
    for (const entry of this.entries.values()) finaliseWhenIdle(entry);
    this.entries.clear();
  }

  private evictBeyondCapacity(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity) return;
      this.evict(key, entry);
    }
  }
}

/** Renders already queued on the View still finish; only then is it released. */
function finaliseWhenIdle(entry: ReusableView): void {
  void entry.queue.run(() => entry.view.finalize());
}
