/**
 * `briefsmith rollback <id> [--to VERSION]`: put an earlier kept version of a brief back in place,
 * atomically, and record it in the manifest entry (`rolledBack`) and in output/rollbacks.jsonl.
 * Builds then leave the brief alone until its inputs change again (or `--force`).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig, type ConfigFlags } from '../config/load.js';
import { Publisher } from '../publish/publisher.js';

export interface RollbackOptions extends ConfigFlags {
  to?: number;
}

export async function rollbackCommand(id: string, options: RollbackOptions): Promise<number> {
  const config = await resolveConfig({ flags: options });
  const publisher = Publisher.open(config.out, { keep: config.keep });
  try {
    const { entry, from } = publisher.rollback(id, options.to);
    const record = {
      kind: 'rollback',
      id,
      from,
      to: entry.version,
      at: entry.rolledBack?.at ?? new Date().toISOString(),
    };
    appendFileSync(join(config.out, 'rollbacks.jsonl'), `${JSON.stringify(record)}\n`);
    console.log(
      `✓ ${join(config.out, entry.file)}: version ${from} → ${entry.version} (built ${entry.builtAt})`,
    );
    return 0;
  } finally {
    publisher.close();
  }
}
