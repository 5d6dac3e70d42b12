/**
 * Every integrity rule, in id order. R17 (empty figures) has no entry: a figure in the data
 * format is drawn from its steps and the schema requires at least two, so an empty figure
 * cannot be written (see docs/integrity.md).
 */
import type { IntegrityRule } from './types.js';
import { explicitFraction, percentIntegrality } from './rules/percent-count.js';
import { componentSums, rangeCells, valueBounds } from './rules/values.js';
import { mixedEndpoints, placeholdersInNumericColumns, precisionConsistency } from './rules/columns.js';
import { missingDenominators, uncitedValues } from './rules/sourcing.js';
import { citationResolution, duplicateReferences, referenceCompleteness } from './rules/references.js';
import { armSums, designGranularity, populationMismatch } from './rules/design.js';
import { datesAndCurrency, summaryConsistency, templateResidue } from './rules/document.js';

export const integrityRules: readonly IntegrityRule[] = [
  percentIntegrality,
  explicitFraction,
  componentSums,
  rangeCells,
  placeholdersInNumericColumns,
  uncitedValues,
  referenceCompleteness,
  duplicateReferences,
  citationResolution,
  missingDenominators,
  mixedEndpoints,
  precisionConsistency,
  designGranularity,
  populationMismatch,
  summaryConsistency,
  templateResidue,
  valueBounds,
  datesAndCurrency,
  armSums,
];

/** Rules of domain-notes section 2 that the data format makes impossible to break. */
export const notApplicableRules: Readonly<Record<string, string>> = {
  R17: 'figures are drawn from their steps and the schema requires at least two steps, so a figure cannot be empty',
};
