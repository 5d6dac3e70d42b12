/**
 * Small, pure statistics helpers for checking and reporting proportions.
 *
 * - Percent rounding is done in exact integer (BigInt) arithmetic: binary floats cannot represent most
 *   decimal ties, e.g. `(1.005).toFixed(2)` is "1.00", so a float-based check would reject honest data.
 * - Reverse checks ("which counts / denominators could have produced 53%?") accept either half-up or
 *   half-even rounding, because sources differ in the rule they used.
 * - Confidence intervals for a binomial proportion: Clopper–Pearson (exact) and Wilson score.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

/** A decimal percentage held exactly: value = scaled / 10^decimals, e.g. 35.2% is {scaled: 352, decimals: 1}. */
export type Percent = { scaled: number; decimals: number };

export type RoundingMode = 'half-up' | 'half-even';

function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

function assertPercent(p: Percent): void {
  assertInteger('percent.decimals', p.decimals, 0);
  if (!Number.isSafeInteger(p.scaled)) {
    throw new RangeError(`percent.scaled must be an integer, got ${p.scaled}`);
  }
}

/** Exact 100·n/N rounded to `decimals` places; numbers stay integers throughout. */
export function roundedPercent(
  n: number,
  N: number,
  decimals: number,
  mode: RoundingMode = 'half-up',
): Percent {
  assertInteger('N', N, 1);
  assertInteger('n', n, 0);
  assertInteger('decimals', decimals, 0);
  const den = BigInt(N);
  // 100·n/N · 10^decimals = num / den; everything is non-negative, so BigInt's truncating
  // division is floor division.
  const num = BigInt(n) * 100n * 10n ** BigInt(decimals);
  const q = num / den;
  const twiceRem = 2n * (num % den); // compare rem with den/2 without dividing
  let roundUp: boolean;
  if (twiceRem !== den) roundUp = twiceRem > den;
  else roundUp = mode === 'half-up' || q % 2n === 1n; // exact tie
  const scaled = roundUp ? q + 1n : q;
  return { scaled: Number(scaled), decimals };
}

/** True when 100·n/N rounds to exactly `p` (same number of decimals) under half-up or half-even. */
export function percentMatchesCount(p: Percent, n: number, N: number): boolean {
  assertPercent(p);
  // Half-up and half-even differ only on an exact tie, where half-up is the larger of the two.
  return (
    roundedPercent(n, N, p.decimals, 'half-up').scaled === p.scaled ||
    roundedPercent(n, N, p.decimals, 'half-even').scaled === p.scaled
  );
}

/** Every count k in 0..N for which k/N reports as `p`, in increasing order. */
export function countsForPercent(p: Percent, N: number): number[] {
  assertPercent(p);
  assertInteger('N', N, 1);
  if (p.scaled < 0) return [];
  // A matching k satisfies |100k/N − p| ≤ ½·10^−d, i.e. (2s−1)·N ≤ k·200·10^d ≤ (2s+1)·N. This closed
  // window is a superset of the matches (the ends are ties), so scan only it and check each k exactly.
  // The window holds at most N/(100·10^d) + 1 values, so this stays cheap for large N.
  const s = BigInt(p.scaled);
  const big = BigInt(N);
  const unit = 200n * 10n ** BigInt(p.decimals);
  const lowNum = (2n * s - 1n) * big; // ≥ −N, so a negative value means the window starts at 0
  const lo = lowNum <= 0n ? 0n : (lowNum + unit - 1n) / unit;
  const hiRaw = ((2n * s + 1n) * big) / unit;
  const hi = hiRaw < big ? hiRaw : big;
  const out: number[] = [];
  for (let k = Number(lo); k <= Number(hi); k++) {
    if (percentMatchesCount(p, k, N)) out.push(k);
  }
  return out;
}

/** Every denominator N' in [minN, maxN] for which each percent is reachable by some count k. */
export function denominatorsFittingAll(percents: Percent[], maxN: number, minN = 1): number[] {
  assertInteger('minN', minN, 1);
  assertInteger('maxN', maxN, 0);
  const out: number[] = [];
  for (let N = minN; N <= maxN; N++) {
    if (percents.every((p) => countsForPercent(p, N).length > 0)) out.push(N);
  }
  return out;
}

/**
 * Two-sided standard normal quantiles z = Φ⁻¹((1 + confidence) / 2). No normal-quantile package is
 * installed, and Φ⁻¹ cannot be obtained exactly from a beta quantile at finite parameters (only as a
 * limit), so Wilson intervals support these tabulated levels and throw a RangeError for any other level.
 */
const Z_BY_CONFIDENCE: ReadonlyMap<number, number> = new Map([
  [0.9, 1.6448536269514722],
  [0.95, 1.959963984540054],
  [0.99, 2.5758293035489004],
]);

/**
 * Two-sided confidence interval for the proportion n/N, as fractions in [0, 1].
 * - 'clopper-pearson': exact interval from beta quantiles (lower = 0 when n = 0, upper = 1 when n = N).
 * - 'wilson': Wilson score interval without continuity correction.
 */
export function proportionInterval(
  n: number,
  N: number,
  method: 'clopper-pearson' | 'wilson',
  confidence = 0.95,
): { lower: number; upper: number } {
  assertInteger('N', N, 1);
  assertInteger('n', n, 0);
  if (n > N) throw new RangeError(`n must be <= N, got ${n}/${N}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }

  if (method === 'clopper-pearson') {
    const alpha = 1 - confidence;
    return {
      lower: n === 0 ? 0 : betaQuantile(alpha / 2, n, N - n + 1),
      upper: n === N ? 1 : betaQuantile(1 - alpha / 2, n + 1, N - n),
    };
  }

  const z = Z_BY_CONFIDENCE.get(confidence);
  if (z === undefined) {
    throw new RangeError(`wilson interval supports confidence ${[...Z_BY_CONFIDENCE.keys()].join(', ')}`);
  }
  const p = n / N;
  const z2 = z * z;
  const denom = 1 + z2 / N;
  const centre = (p + z2 / (2 * N)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / N + z2 / (4 * N * N));
  // At n = 0 (n = N) the lower (upper) bound is exactly 0 (1) mathematically; pin it so float
  // cancellation cannot leave a tiny positive lower bound above p = 0.
  return {
    lower: n === 0 ? 0 : Math.max(0, centre - half),
    upper: n === N ? 1 : Math.min(1, centre + half),
  };
}

/**
 * A fraction as a percentage with one decimal, rounded half-up (half away from zero for negatives):
 * 0.8018867… → "80.2", 0.35 → "35.0".
 *
 * We round fraction·1000 (tenths of a percent). The product carries float error, so a true tie can land
 * just below .5: 201/400 = 50.25% exactly, yet (201/400)·1000 is 502.49999999999994. Adding 1e-9 before
 * flooring pushes such near-ties up. The guard is ~10⁸ times smaller than the output's resolution, so
 * it only changes values that were within float error of a tie.
 */
export function formatPercentOneDecimal(fraction: number): string {
  if (!Number.isFinite(fraction)) throw new RangeError(`fraction must be finite, got ${fraction}`);
  const tenths = Math.floor(Math.abs(fraction) * 1000 + 0.5 + 1e-9);
  const sign = fraction < 0 && tenths > 0 ? '-' : '';
  return `${sign}${Math.floor(tenths / 10)}.${tenths % 10}`;
}
