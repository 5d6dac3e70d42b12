/**
 * The shapes shared by the integrity rules: what a rule sees (the analysed brief and its
 * source) and what it returns (findings with a data path, later located and re-graded).
 */
import type { BriefModel } from '../analysis/model.js';
import type { Severity } from '../errors/diagnostic.js';

export type RuleId = `R${number}`;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Data path of the offending value, e.g. ['indications', 1, 'results', 'rows', 0, 2]. */
  path: (string | number)[];
  message: string;
  hint?: string;
}

export interface IntegrityRule {
  id: RuleId;
  /** One line for docs and `validate --format json`. */
  title: string;
  /** The severity of its usual finding (some rules also emit milder or harsher ones). */
  severity: Severity;
  check(model: BriefModel): Finding[];
}
