/**
 * `briefsmith schema`: prints the JSON Schema of the brief data format, generated from the zod
 * schema (the one source of truth). A copy is committed at schema/brief.schema.json for YAML
 * editors (`# yaml-language-server: $schema=../schema/brief.schema.json`).
 */
import { z } from 'zod';
import { briefSchema } from '../data/schema.js';

export const schemaId = 'https://briefsmith.dev/schema/brief.schema.json';

/** The input shape (defaults optional), as a JSON Schema draft 2020-12 document. */
export function briefJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(briefSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    ...schema,
    $id: schemaId,
    title: 'briefsmith brief',
    description: 'Data of one comparative-analysis brief (YAML or JSON). See docs/integrity.md.',
  };
}

export function schemaCommand(): number {
  console.log(JSON.stringify(briefJsonSchema(), null, 2));
  return 0;
}
