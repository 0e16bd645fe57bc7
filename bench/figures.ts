/**
 * How a benchmark reports: each figure is one stdout line `BENCH {json}` beside the script's own
 * human-readable output, so a script runs alone as well as under `npm run bench` (bench/run.ts),
 * which collects the figures, compares them with their budgets and writes the README table.
 */
export interface Budget {
  /** The figure must stay at or below this... */
  readonly max?: number;
  /** ...or at or above this. */
  readonly min?: number;
}

export interface Figure {
  /** The README row, e.g. "diagnostics, 300 KB template (10,000 placeholders), p95". */
  readonly what: string;
  readonly value: number;
  /** Printed after the value: "ms", "s", "MB", "KB", "M frames/s", "x"... */
  readonly unit: string;
  /** Absent for a figure printed for context only (no budget in the design). */
  readonly budget?: Budget;
  /** How it was measured, in a few words ("median of 5 runs"). */
  readonly note?: string;
}

const MARK = 'BENCH ';

export function report(figure: Figure): void {
  console.log(`${MARK}${JSON.stringify(figure)}`);
}

export function parseFigures(output: string): Figure[] {
  return output
    .split('\n')
    .filter(line => line.startsWith(MARK))
    .map(line => JSON.parse(line.slice(MARK.length)) as Figure);
}

export function isOver(figure: Figure): boolean {
  const { budget, value } = figure;
  return budget !== undefined && ((budget.max !== undefined && value > budget.max) || (budget.min !== undefined && value < budget.min));
}

export function formatValue(value: number, unit: string): string {
  const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function formatBudget(figure: Figure): string {
  const { budget, unit } = figure;
  if (!budget) return '-';
  const parts: string[] = [];
  if (budget.max !== undefined) parts.push(`<= ${budget.max} ${unit}`);
  if (budget.min !== undefined) parts.push(`>= ${budget.min} ${unit}`);
  return parts.join(' and ');
}

/** Median of a sample (the upper one for an even count). */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** The q-quantile (0..1) of a sample, nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
}
