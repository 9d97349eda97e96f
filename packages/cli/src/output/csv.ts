// CSV output of a run: one row per payout line, safe to open in a spreadsheet — a cell that
// starts with = + - @ (or a tab or carriage return) is prefixed with `'` unless it is a plain
// number, so no cell can run as a formula.
import type { RunReport } from '@incent/language';

const COLUMNS = ['payee', 'period', 'component', 'kind', 'amount', 'unit', 'award'] as const;

export function renderCsv(report: RunReport): string {
  const rows = [COLUMNS.join(',')];
  for (const line of report.lines) rows.push(COLUMNS.map((c) => csvCell(String(line[c] ?? ''))).join(','));
  return `${rows.join('\r\n')}\r\n`;
}

/** Neutralises formula triggers, then quotes per RFC 4180 where needed. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
