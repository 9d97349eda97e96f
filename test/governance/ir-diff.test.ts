// Semantic plan diffs in the core (governance/ir-diff.ts): each kind of change named in plain
// words, computed on the IR; reformatting, comments and declaration order are no change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, diffPlans, type IrPlan } from '../../packages/language/src/index';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'enterprise', 'plan.incent');
const BASE = readFileSync(FIXTURE, 'utf8');

function ir(text: string): IrPlan {
  const compiled = compile(text);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compiled.ir!;
}

/** The plain-word changes from BASE to BASE with each [from, to] replacement applied (each must match). */
function changes(...edits: [string | RegExp, string][]): string[] {
  let text = BASE;
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    expect(next, `replacement of ${String(from)}`).not.toBe(text);
    text = next;
  }
  return diffPlans(ir(BASE), ir(text)).changes.map((c) => c.text);
}

describe('diffPlans', () => {
  it('finds no change in a reformatted, re-commented and reordered plan', () => {
    const bonus = /\nbonus presidents_club \{[\s\S]*?\n\}\n/.exec(BASE)![0];
    const reordered = ('// reformatted\n' + BASE.replace(bonus, '\n') + bonus)
      .replace(/^ {2}/gm, '    ')
      .replace(/ {2,}->/g, ' ->')
      .replace('/// Closed deals exported from the CRM.', '/// Deals from the CRM (reworded doc comment).');
    const d = diffPlans(ir(BASE), ir(reordered));
    expect(d.equal).toBe(true);
    expect(d.changes).toEqual([]);
    expect(d.oldHash).toBe(d.newHash);
  });

  it('names a changed match arm, a tier factor, a new cap and a removed gate', () => {
    expect(changes(
      ['partner     -> 5%', 'partner -> 6%'],
      ['100% to 150% -> 1.5', '100% to 150% -> 1.6'],
      ['cap 20_000 USD per deal', 'cap 20_000 USD per deal\n  cap 150_000 USD per year'],
      ['  gate d.margin >= 20%\n', ''],
    )).toEqual([
      'partner rate 5% → 6% in new_business',
      'gate `d.margin >= 20%` removed from new_business',
      'tier 100%–150% factor 1.5 → 1.6 in new_business',
      'new cap 150,000 USD per year in new_business',
    ]);
  });

  it('names input, constant, measure and header changes', () => {
    expect(changes(
      ['  region: Text\n', '  region: Text\n  segment: Text\n'],
      ['let club_bonus = 10_000 USD', 'let club_bonus = 12_500 USD'],
      ['version 3', 'version 4'],
      ['measure bookings = sum(d.amount for d in deals where d.stage == won)', 'measure bookings = sum(d.amount - d.cost for d in deals where d.stage == won)'],
      ['  cancelled_on: Date?       // optional: empty cell = not set\n', '  cancelled_on: Date?\n  booked_on: Date\n'],
    )).toEqual([
      'plan version 3 → 4',
      'input reps: field `segment` added',
      'input deals: field `booked_on` added',
      'constant `club_bonus` 10,000 USD → 12,500 USD',
      'measure `bookings` `sum(d.amount for d in deals where d.stage == won)` → `sum(d.amount - d.cost for d in deals where d.stage == won)`',
    ]);
  });

  it('pairs a changed gate, band and cap, and names added and removed components', () => {
    expect(changes(
      ['gate d.margin >= 20%', 'gate d.margin >= 25%'],
      ['20% to 30% -> 0.8', '20% to 30% -> 0.9'],
      ['cap 60_000 USD per period', 'cap 65_000 USD per period'],
      [/\nspiff bundle_push \{[\s\S]*?\n\}\n/, '\n'],
      ['bonus presidents_club {', 'bonus presidents_club {\n  once per year'],
    ).concat(diffPlans(ir(BASE), ir(`${BASE}\nbonus kicker {\n  when attainment >= 150%\n  pay 5_000 USD\n}\n`)).changes.map((c) => c.text))).toEqual([
      'gate `d.margin >= 20%` → `d.margin >= 25%` in new_business',
      'multiplier band 20%–30% of `d.margin` 0.8 → 0.9 in new_business',
      'cap per period 60,000 USD → 65,000 USD in new_business',
      'presidents_club is now paid at most once per fiscal year',
      'SPIFF bundle_push removed',
      'new bonus kicker',
    ]);
  });

  it('describes accelerator, selection, clawback and kind changes', () => {
    expect(changes(
      ['accelerate marginal against payee.quota', 'accelerate retroactive against payee.quota'],
      ['for d in deals where d.stage == won\n  base d.amount\n  rate match', 'for d in deals where d.stage == won and d.amount > 0 USD\n  base d.amount\n  rate match'],
      ['recover 100% of new_business', 'recover 50% of new_business'],
    )).toEqual([
      'new_business selects `for d in deals where d.stage == won and d.amount > 0 USD` (was `for d in deals where d.stage == won`)',
      'accelerator marginal → retroactive in new_business',
      'early_churn recovers 100% → 50%',
    ]);
  });

  it('gives structured changes beside the words', () => {
    const before = ir(BASE), after = ir(BASE.replace('partner     -> 5%', 'partner -> 6%'));
    expect(diffPlans(before, after).changes).toEqual([
      { scope: 'component', name: 'new_business', aspect: 'rate', action: 'changed', item: 'partner', before: '5%', after: '6%', text: 'partner rate 5% → 6% in new_business' },
    ]);
  });
});
