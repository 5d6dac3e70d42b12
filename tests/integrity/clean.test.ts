import { describe, expect, it } from 'vitest';
import { cleanBrief, diagnosticsOf } from './helpers.js';

describe('the clean fixture brief', () => {
  it('passes every integrity rule', () => {
    expect(diagnosticsOf(cleanBrief())).toEqual([]);
  });
});
