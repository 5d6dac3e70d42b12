/**
 * Runs every integrity rule on an analysed brief and turns the findings into diagnostics:
 * applies the re-grades (brief's `integrity.rules` first, then the config file's), drops rules
 * switched off, locates each finding in the source and sorts them by position.
 */
import type { BriefModel } from '../analysis/model.js';
import { locate, type ParsedSource } from '../data/source.js';
import { formatPath, type Diagnostic } from '../errors/diagnostic.js';
import type { IntegritySettings } from '../data/schema.js';
import type { IntegrityConfig } from './config.js';
import { integrityRules } from './registry.js';
import type { Finding } from './types.js';

type RuleSetting = NonNullable<IntegritySettings['rules']>[string];

interface Override extends RuleSetting {
  by: string;
}

export function runIntegrity(
  model: BriefModel,
  source?: ParsedSource,
  config?: IntegrityConfig,
): Diagnostic[] {
  const file = source?.file ?? '(input)';
  return integrityRules
    .flatMap((rule) => rule.check(model))
    .flatMap((finding) => applyOverride(finding, overrideFor(finding, model, file, config)))
    .map((finding) => toDiagnostic(finding, source))
    .sort(byPosition);
}

function overrideFor(
  finding: Finding,
  model: BriefModel,
  file: string,
  config?: IntegrityConfig,
): Override | undefined {
  const path = formatPath(finding.path);
  const candidates: (Override | undefined)[] = [
    withSource(model.brief.integrity?.rules?.[finding.rule], `${file} (integrity.rules.${finding.rule})`),
    withSource(config?.settings.rules?.[finding.rule], config?.source ?? ''),
  ];
  return candidates.find((o) => o !== undefined && (!o.paths || o.paths.some((p) => covers(p, path))));
}

function withSource(setting: RuleSetting | undefined, by: string): Override | undefined {
  return setting ? { ...setting, by } : undefined;
}

/** "indications[1].results" covers "indications[1].results.rows[0][2].percent". */
function covers(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

function applyOverride(
  finding: Finding,
  override?: Override,
): (Finding & { regraded?: Diagnostic['regraded'] })[] {
  if (!override) return [finding];
  if (override.severity === 'off') return [];
  if (override.severity === finding.severity) return [finding];
  return [
    {
      ...finding,
      severity: override.severity,
      regraded: { from: finding.severity, reason: override.reason, by: override.by },
    },
  ];
}

function toDiagnostic(
  finding: Finding & { regraded?: Diagnostic['regraded'] },
  source?: ParsedSource,
): Diagnostic {
  return {
    file: source?.file ?? '(input)',
    position: source ? locate(source, finding.path) : undefined,
    path: formatPath(finding.path),
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
    hint: finding.hint,
    ...(finding.regraded ? { regraded: finding.regraded } : {}),
  };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  const line = (a.position?.line ?? 0) - (b.position?.line ?? 0);
  if (line !== 0) return line;
  const column = (a.position?.column ?? 0) - (b.position?.column ?? 0);
  return column !== 0 ? column : Number(a.rule.slice(1)) - Number(b.rule.slice(1));
}
