// Table analysis for `bands` expressions and accelerator tiers (spec §4): ranges are
// half-open (A ≤ x < B); rows must be sorted, must not overlap, and gaps need `else`.
// Accelerator tiers must start at 0% and end with `up`. Pipeline: checker → **bands**.
import type { BandArm, Span } from '../syntax/ast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import { compareConst, type ConstValue } from './constants';

export interface TableRow {
  readonly arm: BandArm;
  /** Folded bounds; undefined for an open end (`below`, `up`) — or when not constant (reported by the caller). */
  readonly lower: ConstValue | undefined;
  readonly upper: ConstValue | undefined;
}

export interface TableOptions {
  readonly kind: 'bands' | 'tiers';
  readonly hasElse: boolean;
  /** The whole table, where an empty one is reported. */
  readonly tableSpan: Span;
  /** Where `else -> …` would be inserted by a quick fix (just before the closing brace). */
  readonly elseInsertAt: number;
  /** Indentation for an inserted `else` row. */
  readonly indent: string;
  /** The source text of a span, for messages. */
  readonly show: (span: Span) => string;
}

/** Reports unsorted, overlapping, empty and uncovered ranges of a table whose bounds are all constant. */
export function analyseTable(rows: readonly TableRow[], options: TableOptions, diagnostics: Diagnostic[]): void {
  const { show } = options;
  const bound = (row: TableRow, which: 'lower' | 'upper') => show((which === 'lower' ? row.arm.lower : row.arm.upper)!.span);
  for (const row of rows) {
    if (row.lower && row.upper && compareConst(row.lower, row.upper) >= 0) {
      diagnostics.push(diagnostic('E301', `the range \`${show(row.arm.rangeSpan)}\` is empty: its start is not below its end`, row.arm.rangeSpan, {
        help: 'ranges are half-open: `A to B` holds A ≤ x < B',
      }));
      return;
    }
  }
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1]!, row = rows[i]!;
    const prevStartsBelow = !prev.lower || (row.lower !== undefined && compareConst(prev.lower, row.lower) <= 0);
    if (!prevStartsBelow) {
      diagnostics.push(diagnostic('E302', `the ranges are not sorted: \`${show(row.arm.rangeSpan)}\` comes after \`${show(prev.arm.rangeSpan)}\``, row.arm.rangeSpan, {
        related: [{ span: prev.arm.rangeSpan, message: 'the earlier row' }],
        help: 'list the rows from the lowest range to the highest',
      }));
      return;
    }
    const overlaps = !prev.upper || !row.lower || compareConst(row.lower, prev.upper) < 0;
    if (overlaps) {
      diagnostics.push(diagnostic('E303', `the range \`${show(row.arm.rangeSpan)}\` overlaps \`${show(prev.arm.rangeSpan)}\``, row.arm.rangeSpan, {
        related: [{ span: prev.arm.rangeSpan, message: 'the range it overlaps' }],
        help: prev.upper ? `start this row at \`${bound(prev, 'upper')}\`, where the row before ends` : 'a row that goes `up` must be the last',
      }));
      return;
    }
  }
  if (rows.length === 0) {
    // `accelerate … { }` or `bands x { }`: nothing to pay by (an empty tier table would leave no factor at all)
    if (options.kind === 'tiers') {
      diagnostics.push(diagnostic('E305', 'an accelerator needs tiers, starting at `0%` and ending with `up`', options.tableSpan, {
        help: 'write the tiers, as in `0% to 100% -> 1  100% up -> 1.5`',
      }));
    } else if (!options.hasElse) {
      diagnostics.push(diagnostic('E304', 'no row covers any value: the table is empty', options.tableSpan, {
        help: 'add rows, or an `else -> …` row',
        fixes: [{ title: 'Add `else -> 0`', edits: [{ span: { start: options.elseInsertAt, end: options.elseInsertAt }, newText: `${options.indent}else -> 0\n` }] }],
      }));
    }
    return;
  }
  const first = rows[0]!, last = rows[rows.length - 1]!;
  if (options.kind === 'tiers') {
    if (!first.lower || !first.lower.value || first.lower.kind !== 'decimal' || !first.lower.value.isZero()) {
      diagnostics.push(diagnostic('E305', 'accelerator tiers must start at `0%`', first.arm.rangeSpan, {
        help: 'the first tier covers attainment from `0%`: write `0% to …`',
      }));
    }
    if (last.upper) {
      diagnostics.push(diagnostic('E306', 'the last accelerator tier must end with `up`', last.arm.rangeSpan, {
        help: `write \`${first === last && !first.lower ? '0%' : bound(last, 'lower')} up\` so attainment above every tier still earns`,
      }));
    }
  }
  if (options.hasElse) return;
  const gaps: { from: string; to: string; span: Span; related?: Span }[] = [];
  if (options.kind === 'bands' && first.lower) gaps.push({ from: '-∞', to: bound(first, 'lower'), span: first.arm.rangeSpan });
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1]!, row = rows[i]!;
    if (prev.upper && row.lower && compareConst(prev.upper, row.lower) < 0) {
      gaps.push({ from: bound(prev, 'upper'), to: bound(row, 'lower'), span: row.arm.rangeSpan, related: prev.arm.rangeSpan });
    }
  }
  if (options.kind === 'bands' && last.upper) gaps.push({ from: bound(last, 'upper'), to: '+∞', span: last.arm.rangeSpan });
  for (const gap of gaps) {
    const what = gap.from === '-∞' ? `values below \`${gap.to}\`` : gap.to === '+∞' ? `values from \`${gap.from}\` up` : `values from \`${gap.from}\` to \`${gap.to}\``;
    diagnostics.push(diagnostic('E304', `no row covers ${what}`, gap.span, {
      ...(gap.related ? { related: [{ span: gap.related, message: 'the row before the gap' }] } : {}),
      help: options.kind === 'bands' ? 'add an `else -> …` row, or close the gap' : 'make each tier start where the one before ends',
      fixes: options.kind === 'bands'
        ? [{ title: 'Add `else -> 0`', edits: [{ span: { start: options.elseInsertAt, end: options.elseInsertAt }, newText: `${options.indent}else -> 0\n` }] }]
        : [],
    }));
  }
}
