// Random but valid plans and data for the evaluation properties: a small grammar of templates
// (channel rates, margin gates, multipliers, marginal and retroactive tiers, caps per deal,
// period and year, bonuses, SPIFFs, clawbacks, draws, rewards, a metric) and random rosters and
// deals, rendered as plan text and as CSV, JSON or JSONL. A spec is plain data, so a property
// can read what it generated (the caps, the tiers) and fast-check can shrink it.
import fc from 'fast-check';
import type { DataFile } from '../../packages/language/src/index';

// ---------------------------------------------------------------- plan specs

export type Rate =
  | { kind: 'const'; value: number }
  | { kind: 'channel'; direct: number; partner: number; marketplace: number }
  | { kind: 'margin'; low: number; mid: number; high: number }
  | { kind: 'amount'; threshold: number; below: number; above: number };

export type Gate =
  | { kind: 'margin'; floor: number }
  | { kind: 'notLost' }
  | { kind: 'after'; date: string }
  | { kind: 'amount'; floor: number };

export type Multiplier = { kind: 'const'; value: number } | { kind: 'margin'; below: number; above: number };

export interface Accelerator {
  readonly mode: 'marginal' | 'retroactive';
  readonly perYear: boolean;
  /** Count `on d.amount` instead of the base (only meaningful when the base is net of cost). */
  readonly onAmount: boolean;
  /** Tier bounds in percent after 0 (strictly increasing) and one factor per tier (bounds.length + 1). */
  readonly bounds: readonly number[];
  readonly factors: readonly number[];
}

export interface Commission {
  readonly name: string;
  readonly where: 'won' | 'notMarketplace' | 'all';
  readonly base: 'amount' | 'net';
  readonly rate: Rate;
  readonly gates: readonly Gate[];
  readonly multipliers: readonly Multiplier[];
  readonly accelerate?: Accelerator;
  readonly caps: { readonly deal?: number; readonly period?: number; readonly year?: number };
}

export interface PlanSpec {
  readonly period: 'month' | 'quarter' | 'half' | 'year';
  readonly twoYears: boolean;
  readonly fiscalStart: number;
  readonly rounding: 'half_even' | 'half_up' | 'down' | 'up';
  readonly commissions: readonly Commission[];
  readonly bonus?: { readonly pay: number; readonly once: boolean; readonly when: 'bookings' | 'ytd' | 'prior' };
  readonly spiff?: { readonly pay: number; readonly from: string; readonly to: string };
  readonly clawback?: { readonly share: number; readonly days: number; readonly of: number };
  readonly draw?: { readonly pay: number; readonly recoverable: boolean };
  readonly reward?: { readonly points: number; readonly kind: 'per deal' | 'gold award' };
  readonly metric: boolean;
}

/** Which templates a property may use. */
export interface PlanOptions {
  /** Only templates under which raising one deal's amount never lowers a commission line (no year caps, non-decreasing tables). */
  readonly monotone?: boolean;
  /** Only templates that do not see how a deal is split in two: no per-deal caps, nothing that reads the amount of one record or counts records. */
  readonly splittable?: boolean;
}

const PERCENTS = [0, 2.5, 5, 8, 10, 12.5, 20];
const percent = fc.constantFrom(...PERCENTS);
const moneyAmount = (min: number, max: number) => fc.integer({ min, max }).map((n) => n * 50);

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function nonDecreasing(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function rateArb(options: PlanOptions): fc.Arbitrary<Rate> {
  const kinds: fc.Arbitrary<Rate>[] = [
    percent.map((value) => ({ kind: 'const' as const, value })),
    fc.tuple(percent, percent, percent).map(([direct, partner, marketplace]) => ({ kind: 'channel' as const, direct, partner, marketplace })),
    fc.tuple(percent, percent, percent).map((xs) => {
      const [low, mid, high] = options.monotone ? nonDecreasing(xs) : xs;
      return { kind: 'margin' as const, low: low!, mid: mid!, high: high! };
    }),
  ];
  if (!options.splittable) {
    kinds.push(fc.tuple(moneyAmount(20, 2_000), percent, percent).map(([threshold, a, b]) => {
      const [below, above] = options.monotone ? nonDecreasing([a, b]) : [a, b];
      return { kind: 'amount' as const, threshold, below: below!, above: above! };
    }));
  }
  return fc.oneof(...kinds);
}

function gateArb(options: PlanOptions): fc.Arbitrary<Gate> {
  const kinds: fc.Arbitrary<Gate>[] = [
    fc.constantFrom(0, 10, 20, 30).map((floor) => ({ kind: 'margin' as const, floor })),
    fc.constant({ kind: 'notLost' as const }),
    fc.constantFrom('2027-02-15', '2027-06-01', '2028-01-01').map((date) => ({ kind: 'after' as const, date })),
  ];
  if (!options.splittable) kinds.push(moneyAmount(0, 1_000).map((floor) => ({ kind: 'amount' as const, floor })));
  return fc.oneof(...kinds);
}

function multiplierArb(options: PlanOptions): fc.Arbitrary<Multiplier> {
  const factor = fc.constantFrom(0, 0.5, 0.8, 1, 1.25, 2);
  return fc.oneof(
    factor.map((value) => ({ kind: 'const' as const, value })),
    fc.tuple(factor, factor).map((xs) => {
      const [below, above] = options.monotone ? nonDecreasing(xs) : xs;
      return { kind: 'margin' as const, below: below!, above: above! };
    }),
  );
}

function acceleratorArb(options: PlanOptions): fc.Arbitrary<Accelerator> {
  return fc.record({
    mode: fc.constantFrom('marginal', 'retroactive'),
    perYear: fc.boolean(),
    onAmount: fc.boolean(),
    bounds: fc.uniqueArray(fc.constantFrom(25, 50, 75, 100, 120, 150, 200), { maxLength: 3 }).map((b) => [...b].sort((x, y) => x - y)),
    factors: fc.array(fc.constantFrom(0, 0.5, 1, 1.5, 2, 3), { minLength: 4, maxLength: 4 }),
  }).map((a) => {
    const factors = a.factors.slice(0, a.bounds.length + 1);
    return { ...a, factors: options.monotone ? nonDecreasing(factors) : factors };
  });
}

function commissionArb(name: string, options: PlanOptions): fc.Arbitrary<Commission> {
  return fc.record({
    name: fc.constant(name),
    where: fc.constantFrom('won', 'notMarketplace', 'all'),
    base: fc.constantFrom('amount', 'net'),
    rate: rateArb(options),
    gates: fc.array(gateArb(options), { maxLength: 2 }),
    multipliers: fc.array(multiplierArb(options), { maxLength: 2 }),
    accelerate: fc.option(acceleratorArb(options), { nil: undefined }),
    caps: fc.record({
      deal: options.splittable ? fc.constant(undefined) : fc.option(moneyAmount(1, 400), { nil: undefined }),
      period: fc.option(moneyAmount(1, 1_000), { nil: undefined }),
      year: options.monotone ? fc.constant(undefined) : fc.option(moneyAmount(1, 2_000), { nil: undefined }),
    }),
  }, { requiredKeys: ['name', 'where', 'base', 'rate', 'gates', 'multipliers', 'caps'] });
}

const DATES_2027 = ['2027-01-01', '2027-02-01', '2027-03-31', '2027-05-15', '2027-09-30', '2027-12-31'];

export function planArb(options: PlanOptions = {}): fc.Arbitrary<PlanSpec> {
  return fc.record({
    period: fc.constantFrom('month', 'quarter', 'half', 'year'),
    twoYears: fc.boolean(),
    fiscalStart: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 12 }) }),
    rounding: fc.constantFrom('half_even', 'half_up', 'down', 'up'),
    commissions: fc.integer({ min: 1, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => commissionArb(`c${i + 1}`, options)))),
    bonus: fc.option(fc.record({ pay: moneyAmount(1, 100), once: fc.boolean(), when: fc.constantFrom('bookings', 'ytd', 'prior') }), { nil: undefined }),
    spiff: options.splittable ? fc.constant(undefined) : fc.option(fc.tuple(fc.constantFrom(...DATES_2027), fc.constantFrom(...DATES_2027), moneyAmount(1, 20)).map(([a, b, pay]) => ({ pay, from: a < b ? a : b, to: a < b ? b : a })), { nil: undefined }),
    clawback: fc.option(fc.record({ share: fc.constantFrom(0, 25, 50, 100), days: fc.constantFrom(30, 90, 365), of: fc.integer({ min: 0, max: 1 }) }), { nil: undefined }),
    draw: fc.option(fc.record({ pay: moneyAmount(1, 100), recoverable: fc.boolean() }), { nil: undefined }),
    reward: options.splittable ? fc.constant(undefined) : fc.option(fc.record({ points: fc.integer({ min: 1, max: 10 }), kind: fc.constantFrom('per deal', 'gold award') }), { nil: undefined }),
    metric: options.splittable ? fc.constant(false) : fc.boolean(),
  }, { requiredKeys: ['period', 'twoYears', 'fiscalStart', 'rounding', 'commissions', 'metric'] });
}

// ---------------------------------------------------------------- rendering plans

/** Names a plan uses; a property may rename them (to `__proto__`, say) and map the output back. */
export const CANONICAL_NAMES = ['reps', 'deals', 'quota', 'annual', 'amount', 'cost', 'margin', 'bookings', 'Channel', 'partner', 'win_rate', 'c1', 'c2', 'club', 'push', 'churn', 'floor', 'stars', 'd'] as const;
export type Names = Readonly<Record<(typeof CANONICAL_NAMES)[number], string>>;
export const PLAIN_NAMES: Names = Object.fromEntries(CANONICAL_NAMES.map((n) => [n, n])) as Names;

const pct = (p: number) => `${p}%`;

function renderRate(r: Rate, n: Names): string {
  switch (r.kind) {
    case 'const': return pct(r.value);
    case 'channel': return `match d.channel { direct -> ${pct(r.direct)}  ${n.partner} -> ${pct(r.partner)}  marketplace -> ${pct(r.marketplace)} }`;
    case 'margin': return `bands d.${n.margin} { below 20% -> ${pct(r.low)}  20% to 40% -> ${pct(r.mid)}  40% up -> ${pct(r.high)} }`;
    case 'amount': return `if d.${n.amount} >= ${r.threshold} USD then ${pct(r.above)} else ${pct(r.below)}`;
  }
}

function renderGate(g: Gate, n: Names): string {
  switch (g.kind) {
    case 'margin': return `d.${n.margin} >= ${pct(g.floor)}`;
    case 'notLost': return 'd.stage != lost';
    case 'after': return `d.closed_on >= ${g.date}`;
    case 'amount': return `d.${n.amount} >= ${g.floor} USD`;
  }
}

function renderMultiplier(m: Multiplier, n: Names): string {
  return m.kind === 'const' ? String(m.value) : `bands d.${n.margin} { below 25% -> ${m.below}  25% up -> ${m.above} }`;
}

function renderAccelerator(a: Accelerator, n: Names): string {
  const target = a.perYear ? `payee.${n.annual} per year` : `payee.${n.quota}`;
  const edges = [0, ...a.bounds];
  const rows = edges.map((from, i) => (i < edges.length - 1 ? `    ${from}% to ${edges[i + 1]}% -> ${a.factors[i]}` : `    ${from}% up -> ${a.factors[i]}`));
  return `  accelerate ${a.mode} against ${target}${a.onAmount ? ` on d.${n.amount}` : ''} {\n${rows.join('\n')}\n  }`;
}

function renderCommission(c: Commission, n: Names): string {
  const where = c.where === 'won' ? ' where d.stage == won' : c.where === 'notMarketplace' ? ' where d.channel != marketplace' : '';
  const lines = [
    `commission ${n[c.name as 'c1']} {`,
    `  for d in ${n.deals}${where}`,
    `  base ${c.base === 'amount' ? `d.${n.amount}` : `d.${n.amount} - d.${n.cost}`}`,
    `  rate ${renderRate(c.rate, n)}`,
    ...c.gates.map((g) => `  gate ${renderGate(g, n)}`),
    ...c.multipliers.map((m) => `  multiplier ${renderMultiplier(m, n)}`),
    ...(c.accelerate ? [renderAccelerator(c.accelerate, n)] : []),
    ...(c.caps.deal !== undefined ? [`  cap ${c.caps.deal} USD per deal`] : []),
    ...(c.caps.period !== undefined ? [`  cap ${c.caps.period} USD per period`] : []),
    ...(c.caps.year !== undefined ? [`  cap ${c.caps.year} USD per year`] : []),
    '}',
  ];
  return lines.join('\n');
}

/** The plan's source text. */
export function renderPlan(spec: PlanSpec, n: Names = PLAIN_NAMES): string {
  const parts = [
    `plan "Random" {
  version 1
  currency USD
  period ${spec.period}
  effective 2027-01-01 to ${spec.twoYears ? '2028-12-31' : '2027-12-31'}${spec.fiscalStart !== 1 ? `\n  fiscal_year_start ${MONTH_NAMES[spec.fiscalStart - 1]}` : ''}
  rounding ${spec.rounding}
}`,
    `enum ${n.Channel} { direct, ${n.partner}, marketplace }`,
    'enum Stage { open, won, lost }',
    `input ${n.reps} {
  id: Payee key
  ${n.quota}: Money
  ${n.annual}: Money
  region: Text
}`,
    `input ${n.deals} {
  id: Text key
  owner: Payee
  ${n.amount}: Money
  ${n.cost}: Money
  channel: ${n.Channel}
  stage: Stage
  closed_on: Date
  cancelled_on: Date?
  let ${n.margin} = (${n.amount} - ${n.cost}) / ${n.amount}
  credit owner on closed_on
}`,
    `measure ${n.bookings} = sum(${n.d}.${n.amount} for ${n.d} in ${n.deals} where ${n.d}.stage == won)`,
    'enum Level { silver, gold }',
    `measure level = bands ytd(${n.bookings}) { below 50_000 USD -> silver  50_000 USD up -> gold }`,
    `measure last_period = prior(${n.bookings}) ?? 0 USD`,
    ...spec.commissions.map((c) => renderCommission(c, n)),
  ];
  if (spec.bonus) {
    const when = spec.bonus.when === 'bookings' ? `${n.bookings} >= payee.${n.quota}` : spec.bonus.when === 'ytd' ? `ytd(${n.bookings}) >= payee.${n.annual}` : `last_period > 0 USD and ${n.bookings} > last_period`;
    parts.push(`bonus ${n.club} {\n  when ${when}\n  pay ${spec.bonus.pay} USD${spec.bonus.once ? '\n  once per year' : ''}\n}`);
  }
  if (spec.spiff) parts.push(`spiff ${n.push} {\n  during ${spec.spiff.from} to ${spec.spiff.to}\n  for d in ${n.deals} where d.stage == won and d.channel == ${n.partner}\n  pay ${spec.spiff.pay} USD\n}`);
  if (spec.clawback) {
    const of = spec.commissions[Math.min(spec.clawback.of, spec.commissions.length - 1)]!.name as 'c1';
    parts.push(`clawback ${n.churn} {\n  for d in ${n.deals} where d.cancelled_on is set and d.cancelled_on - d.closed_on <= ${spec.clawback.days}\n  recover ${spec.clawback.share}% of ${n[of]} on cancelled_on\n}`);
  }
  if (spec.draw) parts.push(`draw ${n.floor} {\n  pay ${spec.draw.pay} USD per period${spec.draw.recoverable ? '\n  recoverable' : ''}\n}`);
  if (spec.reward?.kind === 'per deal') parts.push(`reward ${n.stars} {\n  for d in ${n.deals} where d.stage == won\n  grant ${spec.reward.points} points\n}`);
  if (spec.reward?.kind === 'gold award') parts.push(`reward ${n.stars} {\n  when level == gold\n  grant "Gold <club> & \\"friends\\""\n}`);
  if (spec.metric) {
    parts.push(`metric ${n.win_rate} = count(d in all ${n.deals} where d.stage == won) / count(d in all ${n.deals})`);
    parts.push(`metric largest = max(d.${n.amount} for d in all ${n.deals}) ?? 0 USD`);
  }
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------- data

export interface Rep {
  readonly id: string;
  readonly quota: string;
  readonly annual: string;
  readonly region: string;
}

export interface Deal {
  readonly id: string;
  readonly owner: string;
  readonly amount: string;
  readonly cost: string;
  readonly channel: 'direct' | 'partner' | 'marketplace';
  readonly stage: 'open' | 'won' | 'lost';
  readonly closed_on: string;
  readonly cancelled_on: string;
}

export interface DataSpec {
  readonly reps: readonly Rep[];
  readonly deals: readonly Deal[];
}

export interface DataOptions {
  /** Deals only above zero, with 0 ≤ cost < amount (margins in [0, 1]). */
  readonly positive?: boolean;
  /** Quotas may be zero (an evaluation error where a commission has a target and records). */
  readonly zeroQuotas?: boolean;
}

/** Payee ids that exercise ordering by code points and quoting: `R10` sorts before `R2`. */
const PAYEE_IDS = ['R1', 'R2', 'R10', 'r2', 'Ada Lovelace', 'Zoë', 'O\'Neil', 'x,y', 'Q"uote'];

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const DAY_2027 = Date.UTC(2027, 0, 1) / 86_400_000;

function cents(n: number): string {
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  const frac = a % 100;
  return `${sign}${Math.floor(a / 100)}${frac === 0 ? '' : `.${String(frac).padStart(2, '0')}`}`;
}

export function dataArb(spec: Pick<PlanSpec, 'twoYears'>, options: DataOptions = {}): fc.Arbitrary<DataSpec> {
  const days = spec.twoYears ? 731 : 365;
  const rep = (id: string) => fc.record({
    id: fc.constant(id),
    quota: (options.zeroQuotas ? fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: 400 }) }) : fc.integer({ min: 1, max: 400 })).map((k) => String(k * 250)),
    annual: fc.integer({ min: 1, max: 800 }).map((k) => String(k * 1_000)),
    region: fc.constantFrom('EMEA', 'AMER', 'Asia Pacific'),
  });
  const reps = fc.uniqueArray(fc.constantFrom(...PAYEE_IDS), { minLength: 1, maxLength: 4 }).chain((ids) => fc.tuple(...ids.map(rep)));
  return reps.chain((roster) => {
    const amountCents = options.positive ? fc.integer({ min: 1, max: 4_000_000 }) : fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 4_000_000 }) }, { weight: 1, arbitrary: fc.integer({ min: -500_000, max: -1 }) });
    const deal = fc.record({
      owner: fc.constantFrom(...roster.map((r) => r.id)),
      amountCents,
      costShare: fc.constantFrom(0, 0.1, 0.25, 0.5, 0.7, 0.9),
      channel: fc.constantFrom('direct', 'partner', 'marketplace'),
      stage: fc.constantFrom('won', 'won', 'open', 'lost'),
      day: fc.integer({ min: -20, max: days + 20 }),
      cancelAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined, freq: 3 }),
    });
    return fc.array(deal, { maxLength: 24 }).map((deals) => ({
      reps: roster,
      deals: deals.map((d, i) => ({
        id: `D${String(i).padStart(3, '0')}`,
        owner: d.owner,
        amount: cents(d.amountCents),
        cost: cents(Math.round(Math.abs(d.amountCents) * d.costShare)),
        channel: d.channel,
        stage: d.stage,
        closed_on: isoDay(DAY_2027 + d.day),
        cancelled_on: d.cancelAfter === undefined ? '' : isoDay(DAY_2027 + d.day + d.cancelAfter),
      })),
    }));
  });
}

// ---------------------------------------------------------------- rendering data

export type Format = 'csv' | 'json' | 'jsonl';

const REP_COLUMNS = ['id', 'quota', 'annual', 'region'] as const;
const DEAL_COLUMNS = ['id', 'owner', 'amount', 'cost', 'channel', 'stage', 'closed_on', 'cancelled_on'] as const;

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

function renderRows(rows: readonly Record<string, string>[], columns: readonly string[], header: readonly string[], format: Format, eol = '\n'): string {
  if (format === 'csv') return [header.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? '')).join(','))].join(eol) + eol;
  const objects = rows.map((r) => `{${columns.map((c, i) => `${JSON.stringify(header[i])}: ${r[c] === '' ? 'null' : JSON.stringify(r[c])}`).join(', ')}}`);
  return format === 'json' ? `[\n${objects.join(',\n')}\n]\n` : `${objects.join('\n')}\n`;
}

/** The data files of a data set, in one format, with the plan's names for inputs and columns. */
export function renderData(data: DataSpec, format: Format, n: Names = PLAIN_NAMES, eol = '\n'): DataFile[] {
  const repHeader = ['id', n.quota, n.annual, 'region'];
  const dealHeader = ['id', 'owner', n.amount, n.cost, 'channel', 'stage', 'closed_on', 'cancelled_on'];
  const deals = data.deals.map((d) => ({ ...d, channel: d.channel === 'partner' ? n.partner : d.channel }));
  return [
    { input: n.reps, file: `${n.reps}.${format}`, format, text: renderRows(data.reps as unknown as Record<string, string>[], REP_COLUMNS, repHeader, format, eol) },
    { input: n.deals, file: `${n.deals}.${format}`, format, text: renderRows(deals as unknown as Record<string, string>[], DEAL_COLUMNS, dealHeader, format, eol) },
  ];
}
