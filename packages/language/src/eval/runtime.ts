// The evaluation runtime: the loaded records indexed by input, payee and period in credit
// order, derived fields computed, plan lets and measures memoised. Pipeline: IR + data →
// **runtime** → components.ts → evaluate.ts.
import type { IrCommission, IrExpr, IrInput, IrMeasure, IrPlan } from '../ir/ir';
import { children } from '../ir/walk';
import type { DataRecord, Value } from '../data/records';
import { columnReader, fieldValue, setDerived, TableRecord, type RecordTable } from '../data/table';
import { derivedKernel, type DerivedKernel } from './units';
import { commissionKernel, kernelColumns, type CommissionKernel, type KernelColumns } from './kernel';
import { buildCalendar, type Calendar, type Period } from './periods';
import { parseIsoDate } from './dates';
import { compareCodePoints, compareValues, evaluate, EvaluationError, isRecord, type Env } from './expr';
import { compileExpr, type Compiled } from './compile';

interface InputIndex {
  readonly input: IrInput;
  /** Every in-plan record, in credit order (every record for an input without a credit rule). */
  readonly all: DataRecord[];
  readonly byPeriod: DataRecord[][];
  /** Each payee's records, period by period: the slots of the payee's number (none for an input without a credit rule). */
  readonly slots: SlotIndex | undefined;
  /** By record seq: the index of the period the record is credited in, -1 when it is not in plan. */
  readonly periodIndex: Int32Array;
  /** By record seq: 1 once some `for` or aggregate selected the record (for the reconciliation). */
  readonly selected: Uint8Array;
}

/**
 * An input's in-plan records by payee and period: slot `payee × periods + period` holds the
 * positions (in the input's records) of that payee's records credited in that period, in credit
 * order, at `positions[start[slot]]` to `positions[start[slot + 1] − 1]`. A slot's list of records is made
 * the first time something asks for it (a commission served by the units kernel reads the
 * positions only); a slot whose every record some `for` selected is marked whole instead of each
 * record being marked.
 */
interface SlotIndex {
  readonly payees: Map<string, number>;
  readonly periodCount: number;
  readonly start: Int32Array;
  readonly positions: Int32Array;
  /** The input's records, which `positions` index. */
  readonly records: readonly DataRecord[];
  /** The table every record is a row of, at the position that is its place in the input's records; undefined when not so. */
  readonly table: RecordTable | undefined;
  readonly lists: (DataRecord[] | undefined)[];
  readonly whole: Uint8Array;
}

/** The records a `for` ranges over in one environment (Runtime.scope). */
export interface Scope {
  /** How many records. */
  readonly count: number;
  /** The records, in credit order (made once, when first asked for). */
  records(): readonly DataRecord[];
  /** The records' table and their positions in it, in credit order; undefined when they are not all rows of one table. */
  positions(): { readonly table: RecordTable; readonly positions: Int32Array } | undefined;
  /** Marks every record selected (a `for` without `where`). */
  selectAll(): void;
}

export interface RecordCounts {
  read: number;
  outOfPlan: number;
  credited: number;
}

export class Runtime {
  readonly calendar: Calendar;
  readonly roster = new Map<string, DataRecord>();
  readonly rosterIds: string[] = [];
  readonly counts = new Map<string, RecordCounts>();
  readonly errors: EvaluationError[] = [];
  private readonly indexes = new Map<string, InputIndex>();
  private readonly measures = new Map<string, IrMeasure>();
  private readonly letValues = new Map<string, Value>();
  private readonly measureMemo = new Map<string, Value>();
  private readonly measureOrder: string[];
  /** Components some clawback recovers from: only their per-record earnings are kept. */
  readonly clawedBack: ReadonlySet<string>;

  private readonly compiledExprs = new WeakMap<IrExpr, Compiled>();
  private readonly kernels = new Map<IrCommission, { table: RecordTable; kernel: CommissionKernel | undefined; columns?: KernelColumns }>();
  private scratch = { bases: new Float64Array(0), perUnits: new Float64Array(0) };

  /** `reference`: evaluate the IR directly, compiling nothing (the differential test's other side). */
  constructor(readonly ir: IrPlan, records: Record<string, DataRecord[]>, readonly reference = false) {
    const { plan } = ir;
    this.calendar = buildCalendar(plan.period, plan.fiscalYearStart, plan.effective.from, plan.effective.to);
    for (const m of ir.measures) this.measures.set(m.name, m);
    this.clawedBack = new Set(ir.components.flatMap((c) => (c.kind === 'clawback' ? [c.of] : [])));
    const rosterInput = ir.inputs.find((i) => i.roster);
    const keyField = rosterInput?.fields.find((f) => f.key)?.name;
    for (const row of rosterInput ? records[rosterInput.name] ?? [] : []) {
      const id = fieldValue(row, keyField!);
      if (typeof id === 'string') this.roster.set(id, row);
    }
    this.rosterIds.push(...[...this.roster.keys()].sort(compareCodePoints));
    const effectiveFrom = this.calendar.periods[0]?.start ?? 0;
    this.measureOrder = dependencyOrder(ir.measures, 'measure');
    this.prepareLets();
    for (const input of ir.inputs) this.indexes.set(input.name, this.index(input, records[input.name] ?? [], effectiveFrom));
  }

  /**
   * Which records are in plan, their periods, derived fields and credit order. Each record is
   * read in file order (the order they lie in memory), once to date and credit it and once for
   * its derived fields; what the credit order needs of it afterwards is kept in arrays by its
   * position, so that sorting and grouping a million records does not visit each again.
   */
  private index(input: IrInput, rows: DataRecord[], _effectiveFrom: number): InputIndex {
    const counts: RecordCounts = { read: rows.length, outOfPlan: 0, credited: 0 };
    this.counts.set(input.name, counts);
    const periodCount = this.calendar.periods.length;
    const credit = input.credit;
    const from = parseDay(this.ir.plan.effective.from), to = parseDay(this.ir.plan.effective.to);
    // Credited on a derived field (`credit owner on booked_on`, a `let`): derive before deciding what is in plan.
    const derivedCredit = !!credit && input.derived.some((d) => d.name === credit.date || d.name === credit.payee);
    const kernels = this.derivedKernels(input, rows);
    if (derivedCredit) for (const row of rows) this.computeDerived(input, row, kernels);
    // Every array of positions this index needs, made at once in one buffer: V8 answers every
    // 64 MB of buffers made outside its heap with a full collection, which at millions of records
    // costs more than anything here; made at once, they ask for only the one the loader's garbage
    // needs anyway.
    const n = rows.length, arena = new Int32Array(7 * n), part = (k: number) => arena.subarray(k * n, (k + 1) * n);
    const inPlanAt = part(0); // positions in `rows`, in file order
    let inPlanCount = 0;
    // per position: its seq, and its slot (payees numbered as first met)
    const seqAt = part(1), slotAt = part(2);
    const payees = new Map<string, number>();
    // whether every record is the row of one table at its own position (then positions in `rows` are positions in the table)
    const first = rows[0];
    let table = first instanceof TableRecord ? first.table : undefined;
    let size = 0;
    const dateOf = columnReader(credit?.date ?? ''), payeeOf = columnReader(credit?.payee ?? '');
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const seq = (seqAt[i] = row.seq);
      if (seq >= size) size = seq + 1;
      if (table && !(row instanceof TableRecord && row.table === table && row.pos === i)) table = undefined;
      if (!credit) { inPlanAt[inPlanCount++] = i; continue; }
      const day = dateOf(row), payee = payeeOf(row);
      const period = typeof day === 'number' && day >= from && day <= to && typeof payee === 'string' ? this.calendar.periodOf(day) : undefined;
      if (!period) { slotAt[i] = -1; counts.outOfPlan++; continue; }
      let number = payees.get(payee as string);
      if (number === undefined) payees.set(payee as string, (number = payees.size));
      slotAt[i] = number * periodCount + period.index;
      counts.credited++;
      inPlanAt[inPlanCount++] = i;
    }
    const periodIndex = (size <= n ? part(3).subarray(0, size) : new Int32Array(size)).fill(-1);
    const selected = new Uint8Array(size);
    if (credit) for (let i = 0; i < rows.length; i++) if (slotAt[i]! >= 0) periodIndex[seqAt[i]!] = slotAt[i]! % periodCount;
    const inPlan = inPlanAt.subarray(0, inPlanCount);
    if (!derivedCredit) for (const i of inPlan) this.computeDerived(input, rows[i]!, kernels);
    const { order, carried: orderSlots } = creditOrdered(input, rows, inPlan, from, to, credit ? slotAt : undefined, { order: part(4), carried: part(5) });
    if (!credit) return { input, all: Array.from(order, (i) => rows[i]!), byPeriod: [], slots: undefined, periodIndex, selected };
    // each slot's positions in credit order, counted first so that one array holds them all
    const slotCount = payees.size * periodCount;
    const start = new Int32Array(slotCount + 1);
    for (const i of inPlan) start[slotAt[i]! + 1]!++;
    for (let slot = 0; slot < slotCount; slot++) start[slot + 1]! += start[slot]!;
    const filled = start.slice(0, slotCount), slotRows = part(6).subarray(0, inPlanCount);
    for (let k = 0; k < order.length; k++) slotRows[filled[orderSlots![k]!]!++] = order[k]!;
    const slots: SlotIndex = { payees, periodCount, start, positions: slotRows, records: rows, table, lists: new Array(slotCount), whole: new Uint8Array(slotCount) };
    // Every payee's records by period, and every record (credit order is by date first, so the
    // periods' records one after another are all of them): made the first time something asks,
    // which most plans never do.
    let byPeriod: DataRecord[][] | undefined, all: DataRecord[] | undefined;
    const periodLists = (): DataRecord[][] => {
      if (byPeriod) return byPeriod;
      const counts = new Int32Array(periodCount);
      for (const i of inPlan) counts[slotAt[i]! % periodCount]!++;
      const made = Array.from(counts, (n) => new Array<DataRecord>(n)), at = new Int32Array(periodCount);
      for (const i of order) {
        const period = slotAt[i]! % periodCount;
        made[period]![at[period]!++] = rows[i]!;
      }
      return (byPeriod = made);
    };
    return {
      input, get all() { return (all ??= periodLists().flat()); }, get byPeriod() { return periodLists(); },
      slots, periodIndex, selected,
    };
  }

  /** `e` compiled once (compile.ts); with `reference`, a closure that evaluates the IR as it is. */
  compiled(e: IrExpr): Compiled {
    let fn = this.compiledExprs.get(e);
    if (!fn) this.compiledExprs.set(e, (fn = this.reference ? (env) => evaluate(this, e, env) : compileExpr(this, e)));
    return fn;
  }

  /** Per derived field, its units kernel over the input's table (units.ts), if it has one; none in the reference evaluation. */
  private derivedKernels(input: IrInput, rows: readonly DataRecord[]): (DerivedKernel | undefined)[] {
    const first = rows[0];
    if (this.reference || !(first instanceof TableRecord)) return [];
    return input.derived.map((d) => derivedKernel(d.expr, first.table, d.name));
  }

  /** Derived fields, computed for every in-plan record whether or not a component reads them. */
  private computeDerived(input: IrInput, row: DataRecord, kernels: readonly (DerivedKernel | undefined)[]): void {
    for (let k = 0; k < input.derived.length; k++) {
      const d = input.derived[k]!;
      try {
        // a kernel sets the field, or hands back a record of another table or one it cannot serve
        if (row instanceof TableRecord && kernels[k]?.(row)) continue;
        setDerived(row, d.name, this.compiled(d.expr)({ ytd: false, self: row }) as Value);
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        this.errors.push(new EvaluationError(error.message, d.at, row));
        setDerived(row, d.name, null);
      }
    }
  }

  /**
   * The units kernel of commission `c` over `table` (eval/kernel.ts), and its parts at every
   * position of that table, made once per table; undefined when `c` has none.
   */
  commissionKernel(c: IrCommission, table: RecordTable): { kernel: CommissionKernel; columns: KernelColumns } | undefined {
    if (this.reference) return undefined;
    let made = this.kernels.get(c);
    if (!made || made.table !== table) this.kernels.set(c, (made = { table, kernel: commissionKernel(c, table) }));
    if (!made.kernel) return undefined;
    made.columns ??= kernelColumns(made.kernel, made.table.size);
    return { kernel: made.kernel, columns: made.columns };
  }

  /**
   * Two arrays of `n` numbers for the units kernel's bases and rates (kernelCommission), the same
   * memory from one commission to the next, grown when a list is longer. A new pair per payee and
   * period was, at 5M deals, 80 MB of buffers outside the heap, and V8 answers every 64 MB of
   * those with a full collection, whose cost grows with the records the heap holds.
   */
  kernelScratch(n: number): { bases: Float64Array; perUnits: Float64Array } {
    if (this.scratch.bases.length < n) {
      const size = Math.max(n, 2 * this.scratch.bases.length, 1024);
      this.scratch = { bases: new Float64Array(size), perUnits: new Float64Array(size) };
    }
    return { bases: this.scratch.bases.subarray(0, n), perUnits: this.scratch.perUnits.subarray(0, n) };
  }

  /** The records of `input` in scope: the payee's (or every payee's, with `all`) in the period range. */
  records(input: string, env: Env, all: boolean): readonly DataRecord[] {
    const index = this.indexes.get(input);
    if (!index) return [];
    if (!index.slots) return index.all;
    if (!env.period) return env.payee === undefined || all ? index.all : payeeRecords(index.slots, env.payee, 0, this.calendar.periods.length - 1);
    const last = env.period.index;
    const first = env.ytd ? env.period.fiscalYearFirstIndex : last;
    if (all || env.payee === undefined) return first === last ? index.byPeriod[last]! : index.byPeriod.slice(first, last + 1).flat();
    return payeeRecords(index.slots, env.payee, first, last);
  }

  /**
   * The records `records(input, env, all)` gives, as a scope: when they are one payee's records
   * of one period, read from the index without making their list (positions, count, selection).
   */
  scope(input: string, env: Env, all: boolean): Scope {
    const slots = this.indexes.get(input)?.slots;
    const payee = slots && env.period && !env.ytd && !all && env.payee !== undefined ? slots.payees.get(env.payee) : undefined;
    if (slots && payee !== undefined) {
      const slot = payee * slots.periodCount + env.period!.index;
      const from = slots.start[slot]!, to = slots.start[slot + 1]!;
      return {
        count: to - from,
        records: () => slotRecords(slots, slot),
        positions: () => (slots.table ? { table: slots.table, positions: slots.positions.subarray(from, to) } : tablePositions(slotRecords(slots, slot))),
        selectAll: () => { slots.whole[slot] = 1; },
      };
    }
    const records = this.records(input, env, all);
    return {
      count: records.length,
      records: () => records,
      positions: () => tablePositions(records),
      selectAll: () => { for (const r of records) this.markSelected(r); },
    };
  }

  /** Every in-plan record of `input` credited to `payee`, over all periods, in credit order. */
  payeeAllRecords(input: string, payee: string): readonly DataRecord[] {
    const slots = this.indexes.get(input)?.slots;
    return slots ? payeeRecords(slots, payee, 0, this.calendar.periods.length - 1) : [];
  }

  /** The period an in-plan record of an input with a credit rule is credited in. */
  creditPeriod(record: DataRecord): Period | undefined {
    const i = this.indexes.get(record.input)?.periodIndex[record.seq] ?? -1;
    return i < 0 ? undefined : this.calendar.periods[i];
  }

  /**
   * Of an input's credited records (none for a lookup table): how many some component selected,
   * and how many were not evaluated (credited after period `lastIndex`, or to a payee left
   * out). Counted slot by slot: a slot selected whole is its count, and only the records of
   * another are read, for their `seq`.
   */
  selectionCounts(input: string, lastIndex: number, evaluatedPayees: ReadonlySet<string>): { credited: number; selected: number; notEvaluated: number } {
    const index = this.indexes.get(input);
    let credited = 0, selected = 0, notEvaluated = 0;
    const slots = index?.slots;
    if (!slots) return { credited, selected, notEvaluated };
    const { start, positions, records, periodCount } = slots;
    for (const [payee, number] of slots.payees) {
      const evaluated = evaluatedPayees.has(payee);
      for (let period = 0; period < periodCount; period++) {
        const slot = number * periodCount + period, count = start[slot + 1]! - start[slot]!;
        credited += count;
        if (!evaluated || period > lastIndex) notEvaluated += count;
        else if (slots.whole[slot] === 1) selected += count;
        else for (let k = start[slot]!; k < start[slot + 1]!; k++) selected += index.selected[records[positions[k]!]!.seq]!;
      }
    }
    return { credited, selected, notEvaluated };
  }

  markSelected(record: DataRecord): void {
    const index = this.indexes.get(record.input);
    if (index) index.selected[record.seq] = 1;
  }

  /**
   * Evaluates every plan let in dependency order, so that a long chain (`let x2 = x1 + 1`) never
   * recurses deeper than one step. Errors are left for the lazy evaluation to raise where used.
   */
  private prepareLets(): void {
    for (const name of dependencyOrder(this.ir.lets, 'let')) {
      try {
        this.letValue(name);
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
      }
    }
  }

  /** Evaluates the measures of one payee and period in dependency order (see prepareLets). */
  prepareMeasures(payee: string, period: Period): void {
    for (const name of this.measureOrder) {
      try {
        this.measureValue(name, { payee, period, ytd: false });
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
      }
    }
  }

  letValue(name: string): Value {
    if (this.letValues.has(name)) return this.letValues.get(name)!;
    const decl = this.ir.lets.find((l) => l.name === name);
    const v = decl ? (this.compiled(decl.expr)({ ytd: false }) as Value) : null;
    this.letValues.set(name, v);
    return v;
  }

  measureValue(name: string, env: Env): Value {
    const key = `${name}\u0000${env.payee ?? ''}\u0000${env.period?.index ?? -1}\u0000${env.ytd ? 1 : 0}`;
    if (this.measureMemo.has(key)) return this.measureMemo.get(key)!;
    const m = this.measures.get(name);
    const v = m ? this.compiled(m.expr)({ payee: env.payee, period: env.period, ytd: env.ytd }) : null;
    const value = isRecord(v) ? null : v;
    this.measureMemo.set(key, value);
    return value;
  }
}

function parseDay(iso: string): number {
  return parseIsoDate(iso)!;
}

/** The records of one slot, in credit order: made the first time, then kept. */
function slotRecords(slots: SlotIndex, slot: number): DataRecord[] {
  let list = slots.lists[slot];
  if (list) return list;
  const from = slots.start[slot]!, to = slots.start[slot + 1]!;
  list = new Array<DataRecord>(to - from);
  for (let k = from; k < to; k++) list[k - from] = slots.records[slots.positions[k]!]!;
  return (slots.lists[slot] = list);
}

/** A payee's records over periods `first` to `last`, in credit order. */
function payeeRecords(slots: SlotIndex, payee: string, first: number, last: number): readonly DataRecord[] {
  const number = slots.payees.get(payee);
  if (number === undefined) return [];
  const base = number * slots.periodCount;
  if (first === last) return slotRecords(slots, base + first);
  const lists: DataRecord[][] = [];
  for (let period = first; period <= last; period++) lists.push(slotRecords(slots, base + period));
  return lists.flat();
}

/** The table `records` are all rows of, and their positions in it; undefined when they are not. */
export function tablePositions(records: readonly DataRecord[]): { table: RecordTable; positions: Int32Array } | undefined {
  const first = records[0];
  if (!(first instanceof TableRecord)) return undefined;
  const positions = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (!(r instanceof TableRecord) || r.table !== first.table) return undefined;
    positions[i] = r.pos;
  }
  return { table: first.table, positions };
}

/**
 * The positions in `rows` of the records at `positions` (in file order), put in credit order.
 * With a credit date every such record is dated inside the effective range, so they are first
 * put in day order by counting (in linear time, keeping file order, into one array) and only
 * records of the same day are compared; and a day is sorted only when one of its records came
 * after one it must precede, found while counting: records often come in the order of their
 * keys. The whole order is the comparator's, with far fewer comparisons.
 * With `carried` (a number per position in `rows`), those numbers come out in the same order:
 * read in file order as the records are counted, so that a caller going through the order does
 * not read them all over `carried`. With `into`, both are written there (arrays at least as long
 * as `positions`) rather than into arrays of their own.
 */
export function creditOrdered(
  input: IrInput, rows: readonly DataRecord[], positions: ArrayLike<number> & Iterable<number>, from: number, to: number, carried?: Int32Array,
  into?: { readonly order: Int32Array; readonly carried: Int32Array },
): { order: ArrayLike<number> & Iterable<number>; carried?: Int32Array } {
  const order = creditOrder(input);
  const byOrder = (i: number, j: number) => order(rows[i]!, rows[j]!);
  const date = input.credit?.date;
  const along = (sorted: ArrayLike<number>) => (carried ? { carried: Int32Array.from(sorted, (i) => carried[i]!) } : {});
  if (!date || positions.length < 2 || !(to - from < 100_000)) {
    const sorted = Array.from(positions).sort(byOrder);
    return { order: sorted, ...along(sorted) };
  }
  const days = to - from + 1;
  // per day: where its records start (after counting, shifted by one), the last record met, whether it needs sorting
  const start = new Int32Array(days + 1), last = new Int32Array(days).fill(-1), unsorted = new Uint8Array(days);
  const dateOf = columnReader(date);
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k]!, day = (dateOf(rows[i]!) as number) - from;
    start[day + 1]!++;
    if (last[day]! >= 0 && unsorted[day] === 0 && byOrder(last[day]!, i) > 0) unsorted[day] = 1;
    last[day] = i;
  }
  for (let day = 0; day < days; day++) start[day + 1]! += start[day]!;
  const sorted = into ? into.order.subarray(0, positions.length) : new Int32Array(positions.length), filled = start.slice(0, days);
  const sortedCarried = !carried ? undefined : into ? into.carried.subarray(0, positions.length) : new Int32Array(positions.length);
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k]!, at = filled[(dateOf(rows[i]!) as number) - from]!++;
    sorted[at] = i;
    if (sortedCarried) sortedCarried[at] = carried![i]!;
  }
  for (let day = 0; day < days; day++) {
    if (unsorted[day] !== 1) continue;
    const from = start[day]!, to = start[day + 1]!;
    sorted.set(Array.from(sorted.subarray(from, to)).sort(byOrder), from);
    if (sortedCarried) for (let at = from; at < to; at++) sortedCarried[at] = carried![sorted[at]!]!;
  }
  return { order: sorted, ...(sortedCarried ? { carried: sortedCarried } : {}) };
}

/** Credit order (spec §4 step 1): by credit date, then by key fields in declaration order. */
export function creditOrder(input: IrInput): (a: DataRecord, b: DataRecord) => number {
  const keys = input.fields.filter((f) => f.key).map((f) => f.name);
  const date = input.credit?.date;
  // the usual shape, one Text key after the date, compared without the general dispatch
  const [only] = keys;
  const textKey = keys.length === 1 && input.fields.some((f) => f.name === only && (f.type.base === 'Text' || f.type.base === 'Payee') && !f.type.optional);
  const dateOf = columnReader(date ?? ''), onlyOf = columnReader(only ?? '');
  const keyOf = keys.map((k) => columnReader(k));
  return (a, b) => {
    if (date) {
      const x = dateOf(a), y = dateOf(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareValues(x, y);
      if (c !== 0) return c;
    }
    if (textKey) {
      const c = compareCodePoints(onlyOf(a) as string, onlyOf(b) as string);
      if (c !== 0) return c;
    } else {
      for (const keyOfRecord of keyOf) {
        const c = compareValues(keyOfRecord(a), keyOfRecord(b));
        if (c !== 0) return c;
      }
    }
    return a.line - b.line;
  };
}

/**
 * Names of lets or measures ordered so each comes after those it reads (outside `prior`, which
 * reads the previous period). Iterative, so a chain of any length is fine.
 */
function dependencyOrder(decls: readonly { name: string; expr: IrExpr }[], kind: 'let' | 'measure'): string[] {
  const deps = new Map(decls.map((d) => [d.name, reads(d.expr, kind)]));
  const done = new Set<string>();
  const order: string[] = [];
  for (const root of decls) {
    const stack: { name: string; next: number }[] = [{ name: root.name, next: 0 }];
    const onStack = new Set([root.name]);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (done.has(top.name)) { stack.pop(); onStack.delete(top.name); continue; }
      const list = deps.get(top.name) ?? [];
      if (top.next < list.length) {
        const dep = list[top.next++]!;
        if (!done.has(dep) && !onStack.has(dep) && deps.has(dep)) { stack.push({ name: dep, next: 0 }); onStack.add(dep); }
        continue;
      }
      done.add(top.name);
      order.push(top.name);
      stack.pop();
      onStack.delete(top.name);
    }
  }
  return order;
}

/** The lets (or measures) an expression reads directly, outside `prior(…)`. */
function reads(expr: IrExpr, kind: 'let' | 'measure'): string[] {
  const out = new Set<string>();
  const stack: IrExpr[] = [expr];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.k === kind) out.add(e.name);
    if (e.k === 'prior') continue;
    stack.push(...children(e));
  }
  return [...out];
}
