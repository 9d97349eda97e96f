// The plan header (spec §4 `plan`): exactly one per file, with version, currency, period and
// effective range required, rounding and fiscal_year_start optional. Pipeline: checker → **header**.
import type { PlanDecl, PlanFile, PlanItem, PlanItemKey } from '../syntax/ast';
import { diagnostic } from '../diagnostics/diagnostic';
import type { IrHeader, PeriodKind, RoundingMode } from '../ir/ir';
import { parseIsoDate } from '../eval/dates';
import { closest } from './names';
import { minorUnits } from './currencies';
import type { CheckState } from './state';

/** The header's values: the IR header without the file name. */
export type HeaderInfo = Omit<IrHeader, 'source' | 'doc'> & { readonly doc: string | undefined };

export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year'];
export const ROUNDING_MODES: readonly RoundingMode[] = ['half_even', 'half_up', 'down', 'up'];
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Validates the header; returns its values when every required item is valid. */
export function checkHeader(plan: PlanDecl | undefined, file: PlanFile, state: CheckState): HeaderInfo | undefined {
  if (!plan) {
    state.diagnostics.push(diagnostic('E401', 'the file has no `plan` block', { start: 0, end: Math.min(file.span.end, 1) }, {
      help: 'start with `plan "Name" { version 1  currency USD  period quarter  effective 2027-01-01 to 2027-12-31 }`',
    }));
    return undefined;
  }
  const items = new Map<PlanItemKey, PlanItem>();
  for (const item of plan.items) {
    const earlier = items.get(item.key);
    if (earlier) {
      state.diagnostics.push(diagnostic('E403', `\`${item.key}\` is set twice`, item.span, { related: [{ span: earlier.span, message: 'the first one' }] }));
    } else items.set(item.key, item);
  }
  let ok = true;
  for (const key of ['version', 'currency', 'period', 'effective'] as const) {
    if (!items.has(key)) {
      state.diagnostics.push(diagnostic('E404', `the plan header needs \`${key}\``, plan.title?.span ?? plan.span));
      ok = false;
    }
  }
  const word = (item: PlanItem | undefined): string | undefined => item?.value?.kind === 'NameExpr' ? item.value.name.name : undefined;

  let version = 0;
  const versionItem = items.get('version');
  if (versionItem) {
    const v = versionItem.value;
    if (v?.kind === 'NumberLiteral' && /^\d+$/.test(v.text)) version = Number(v.text);
    else if (v && v.kind !== 'ErrorExpr') {
      state.diagnostics.push(diagnostic('E416', '`version` must be a whole number', v.span));
      ok = false;
    } else ok = false;
  }

  let currency = 'USD', digits = 2;
  const currencyItem = items.get('currency');
  if (currencyItem) {
    const code = word(currencyItem);
    const units = code ? minorUnits(code) : undefined;
    if (code === undefined || units === undefined) {
      if (currencyItem.value && currencyItem.value.kind !== 'ErrorExpr') {
        state.diagnostics.push(diagnostic('E405', `\`${state.show(currencyItem.value.span)}\` is not an ISO 4217 currency code`, currencyItem.value.span, { help: 'write a code such as `USD`, `EUR`, `GBP` or `JPY`' }));
      }
      ok = false;
    } else {
      currency = code;
      digits = units;
    }
  }

  const periodItem = items.get('period');
  const period = word(periodItem) as PeriodKind | undefined;
  if (periodItem && (!period || !PERIOD_KINDS.includes(period))) {
    reportWord(state, periodItem, PERIOD_KINDS, 'E406', 'period');
    ok = false;
  }

  const roundingItem = items.get('rounding');
  const rounding = (word(roundingItem) ?? 'half_even') as RoundingMode;
  if (roundingItem && !ROUNDING_MODES.includes(rounding)) {
    reportWord(state, roundingItem, ROUNDING_MODES, 'E407', 'rounding');
    ok = false;
  }

  const fyItem = items.get('fiscal_year_start');
  const fyWord = word(fyItem) ?? 'january';
  if (fyItem && !MONTHS.includes(fyWord)) {
    reportWord(state, fyItem, MONTHS, 'E408', 'fiscal_year_start');
    ok = false;
  }

  let effective = { from: '', to: '' };
  const effectiveItem = items.get('effective');
  if (effectiveItem) {
    const from = effectiveItem.value, to = effectiveItem.to;
    for (const d of [from, to]) {
      if (d && d.kind !== 'DateLiteral' && d.kind !== 'ErrorExpr') {
        state.diagnostics.push(diagnostic('E409', '`effective` takes two dates: `effective 2027-01-01 to 2027-12-31`', d.span));
        ok = false;
      } else if (d?.kind === 'DateLiteral' && parseIsoDate(d.text) === undefined) {
        state.diagnostics.push(diagnostic('E215', `\`${d.text}\` is not a calendar date`, d.span));
        ok = false;
      }
    }
    if (from?.kind === 'DateLiteral' && to?.kind === 'DateLiteral') {
      const a = parseIsoDate(from.text), b = parseIsoDate(to.text);
      if (a !== undefined && b !== undefined && a > b) {
        state.diagnostics.push(diagnostic('E409', `the effective range ends before it starts: \`${from.text}\` is after \`${to.text}\``, { start: from.span.start, end: to.span.end }));
        ok = false;
      }
      effective = { from: from.text, to: to.text };
    } else ok = false;
  }

  if (!ok) return undefined;
  return {
    name: plan.title?.value ?? '',
    version,
    currency,
    minorUnits: digits,
    period: period!,
    effective,
    fiscalYearStart: MONTHS.indexOf(fyWord) + 1,
    rounding,
    doc: plan.doc,
  };
}

function reportWord(state: CheckState, item: PlanItem, allowed: readonly string[], code: 'E406' | 'E407' | 'E408', key: string): void {
  if (!item.value || item.value.kind === 'ErrorExpr') return;
  const text = state.show(item.value.span);
  const guess = closest(text, allowed);
  state.diagnostics.push(diagnostic(code, `\`${text}\` is not a valid \`${key}\``, item.value.span, {
    help: guess ? `did you mean \`${guess}\`? (one of ${allowed.join(', ')})` : `write one of ${allowed.join(', ')}`,
    ...(guess ? { fixes: [{ title: `Change to ${guess}`, edits: [{ span: item.value.span, newText: guess }] }] } : {}),
  }));
}
