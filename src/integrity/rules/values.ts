/**
 * R3 (components and subsets), R4 (range cells) and R18 (value bounds): numbers that cannot all
 * be true together. A complete response is a kind of response, so CR ≤ ORR; CR + PR (or CR +
 * CRp, when the header defines ORR that way) must add up to ORR; a range must run low to high
 * within 0–100%; percentages lie in 0–100, counts n ≤ N, durations are positive.
 */
import type { TableCell } from '../../analysis/cells.js';
import type { TableModel } from '../../analysis/model.js';
import type { Finding, IntegrityRule } from '../types.js';
import { cellEndpoint, cellPath, eachCell, rowLabel } from '../tables.js';

interface EndpointValue {
  columnIndex: number;
  percent?: number;
  n?: number;
  label: string;
}

/** Point estimates of a row by upper-cased endpoint. */
function rowEndpoints(table: TableModel, rowIndex: number): Map<string, EndpointValue> {
  const out = new Map<string, EndpointValue>();
  (table.rows[rowIndex] ?? []).forEach((cell, columnIndex) => {
    const endpoint = cellEndpoint(table, columnIndex, cell)?.toUpperCase();
    if (!endpoint || cell.kind !== 'percent' || out.has(endpoint)) return;
    out.set(endpoint, {
      columnIndex,
      percent: cell.percent.value,
      n: cell.n,
      label: `${cell.percent.text}%${cell.n !== undefined ? ` (n = ${cell.n})` : ''}`,
    });
  });
  return out;
}

export const componentSums: IntegrityRule = {
  id: 'R3',
  title: 'CR ≤ ORR; CR + PR (or CR + CRp when the header says so) equals ORR',
  severity: 'error',
  check(model) {
    return [...model.tables.values()].flatMap((table) =>
      table.rows.flatMap((_, rowIndex) => componentFindings(table, rowIndex)),
    );
  },
};

function componentFindings(table: TableModel, rowIndex: number): Finding[] {
  const values = rowEndpoints(table, rowIndex);
  const orr = values.get('ORR');
  const cr = values.get('CR');
  if (!orr) return [];
  const findings: Finding[] = [];
  const at = (v: EndpointValue) => cellPath(table, rowIndex, v.columnIndex);
  const row = rowLabel(table, rowIndex);
  if (cr && (exceeds(cr.percent, orr.percent) || exceeds(cr.n, orr.n))) {
    findings.push({
      rule: 'R3',
      severity: 'error',
      path: at(cr),
      message: `CR ${cr.label} exceeds ORR ${orr.label} in "${row}", but complete responders are a subset of responders`,
      hint: 'check whether the columns are swapped or report different populations',
    });
  }
  const orrHeader = table.columns[orr.columnIndex]?.label ?? '';
  const parts = [cr, /CR\s*\+\s*CRp/i.test(orrHeader) ? values.get('CRP') : values.get('PR')];
  const [first, second] = parts;
  if (first?.n !== undefined && second?.n !== undefined && orr.n !== undefined) {
    if (first.n + second.n !== orr.n) {
      findings.push({
        rule: 'R3',
        severity: 'error',
        path: at(orr),
        message: `components ${first.n} + ${second.n} = ${first.n + second.n} do not add up to ORR n = ${orr.n} in "${row}"`,
        hint: 'correct the counts, or say in a footnote which responses the ORR includes',
      });
    }
  }
  return findings;
}

function exceeds(part: number | undefined, whole: number | undefined): boolean {
  return part !== undefined && whole !== undefined && part > whole;
}

export const rangeCells: IntegrityRule = {
  id: 'R4',
  title: 'a range runs low ≤ high within 0–100%, and says which source gives which bound',
  severity: 'warning',
  check(model) {
    return [...model.tables.values()].flatMap((table) =>
      eachCell(table).flatMap(({ cell, path }) => (cell.kind === 'range' ? rangeFindings(cell, path) : [])),
    );
  },
};

function rangeFindings(cell: Extract<TableCell, { kind: 'range' }>, path: (string | number)[]): Finding[] {
  const shown = `${cell.endpoint ? `${cell.endpoint}: ` : ''}${cell.low.text}%–${cell.high.text}%`;
  const findings: Finding[] = [];
  if (cell.low.value > cell.high.value) {
    findings.push({
      rule: 'R4',
      severity: 'error',
      path: [...path, 'range'],
      message: `range ${shown} runs backwards (low > high)`,
      hint: `write it as [${cell.high.text}, ${cell.low.text}]`,
    });
  }
  if (cell.low.value < 0 || cell.high.value > 100) {
    findings.push({
      rule: 'R4',
      severity: 'error',
      path: [...path, 'range'],
      message: `range ${shown} leaves 0–100%`,
      hint: 'a percentage range must lie between 0 and 100',
    });
  }
  if (cell.cite.length >= 2) {
    findings.push({
      rule: 'R4',
      severity: 'warning',
      path: [...path, 'cite'],
      message: `range ${shown} carries ${cell.cite.length} citations (${cell.cite.join(', ')}) without saying which bound comes from which source`,
      hint: 'split the range into one value per source (one row each), or name the source of each bound in a footnote',
    });
  }
  return findings;
}

export const valueBounds: IntegrityRule = {
  id: 'R18',
  title: 'percentages in 0–100, counts n ≤ N, durations > 0',
  severity: 'error',
  check(model) {
    return [...model.tables.values()].flatMap((table) =>
      eachCell(table).flatMap(({ cell, path }) => boundFindings(cell, path)),
    );
  },
};

function boundFindings(cell: TableCell, path: (string | number)[]): Finding[] {
  const finding = (key: string, message: string, hint: string): Finding[] => [
    { rule: 'R18', severity: 'error', path: [...path, key], message, hint },
  ];
  if (cell.kind === 'percent' && cell.percent.value > 100) {
    return finding('percent', `${cell.percent.text}% is above 100%`, 'a rate lies between 0 and 100%');
  }
  if (cell.kind === 'percent' && cell.n !== undefined && cell.N !== undefined && cell.n > cell.N) {
    return finding('n', `count ${cell.n} exceeds its denominator ${cell.N}`, 'n counts patients among the N');
  }
  if (cell.kind === 'duration' && cell.value.value <= 0) {
    return finding(
      'duration',
      `duration ${cell.value.text} ${cell.unit} is not positive`,
      'write a time > 0',
    );
  }
  return [];
}
