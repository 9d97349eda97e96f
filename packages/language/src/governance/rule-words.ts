// Each component's rule in plain words, generated from the IR: what it pays on, at what rate,
// what gates, multipliers, tiers and caps do, in sentences the people paid by the plan can
// read. Used by plan documents (`incent doc`) and statements (`incent explain`). Tables of
// rates, bands and tiers are built in doc-model.ts; sentences point to them.
import type { IrCommission, IrComponent, IrExpr, IrPlan, IrSelection } from '../ir/ir';
import { printExpr } from '../ir/print';
import { literalWords, periodNoun, singular } from './values';
import { conditionWords, termWords } from './words';

/** The rule of a component, one sentence per clause, in plain words. */
export function describeComponent(c: IrComponent, ir: IrPlan): string[] {
  const period = periodNoun(ir);
  switch (c.kind) {
    case 'commission': return describeCommission(c, ir);
    case 'bonus':
      return [
        `Pays ${amountWords(c.pay, ir)} in each ${period} in which ${conditionWords(c.when, ir)}.`,
        ...(c.oncePerYear ? ['It is paid at most once per fiscal year, in the first period in which the condition holds.'] : []),
      ];
    case 'spiff': {
      const record = singular(c.for.input);
      return [`Pays ${amountWords(c.pay, ir)} for each ${record} ${creditedWords(c.for, ir)} from ${c.during.from} to ${c.during.to} (both days included)${whereWords(c.for, ir)}.`];
    }
    case 'clawback': {
      const record = singular(c.for.input);
      return [
        `Takes back ${amountWords(c.share, ir)} of what a ${record} earned in ${c.of}, for each ${record}${whereWords(c.for, ir)}.`,
        `The recovery is made in the ${period} of the ${record}'s ${c.on.replace(/_/g, ' ')} (or in the ${period} it was credited, if that is later).`,
      ];
    }
    case 'draw':
      return [
        `Guarantees ${amountWords(c.pay, ir)} per ${period}: when the payee's other lines for the ${period} come to less, the draw pays the difference.`,
        ...(c.recoverable
          ? [`The draw is recoverable: what it advanced is taken back from later ${period}s of the same fiscal year in which the other lines come to more than the guarantee; what is still owed at the end of the fiscal year is forgiven.`]
          : []),
      ];
    case 'reward': {
      const what = c.award !== undefined ? `the award ${JSON.stringify(c.award)}` : `${c.points ? amountWords(c.points, ir) : '1'} points`;
      if (c.for) return [`Grants ${what} for each ${singular(c.for.input)} ${creditedWords(c.for, ir)} in the ${period}${whereWords(c.for, ir)}${c.when ? `, in a ${period} in which ${conditionWords(c.when, ir)}` : ''}. Rewards are not money and are not added to pay.`];
      return [`Grants ${what} in each ${period}${c.when ? ` in which ${conditionWords(c.when, ir)}` : ''}. Rewards are not money and are not added to pay.`];
    }
  }
}

/** The first sentence of a component's rule: a one-line summary for statements. */
export function ruleSummary(c: IrComponent, ir: IrPlan): string {
  return describeComponent(c, ir)[0]!;
}

function describeCommission(c: IrCommission, ir: IrPlan): string[] {
  const period = periodNoun(ir);
  const record = singular(c.for.input);
  const out: string[] = [];
  out.push(`For each ${record} ${creditedWords(c.for, ir)} in the ${period}${whereWords(c.for, ir)}, the payee earns ${baseWords(c.base, ir)} × ${rateWords(c.rate, ir)}.`);
  if (c.gates.length) {
    out.push(`A ${record} earns nothing unless ${c.gates.map((g) => conditionWords(g, ir)).join(', and ')}.`);
  }
  for (const m of c.multipliers) out.push(`The earning is multiplied by ${factorWords(m, ir)}.`);
  const acc = c.accelerate;
  if (acc) {
    const counted = acc.on ? termWords(acc.on, ir) ?? `\`${printExpr(acc.on, ir.plan.currency)}\`` : 'the base';
    const target = termWords(acc.target, ir) ?? `\`${printExpr(acc.target, ir.plan.currency)}\``;
    const scope = acc.perYear ? 'over the fiscal year to date' : `within the ${period}`;
    out.push(`Attainment is the running total of ${counted} of the ${record}s selected ${scope}, divided by the target${target === 'target' ? '' : `, ${target}`}${c.gates.length ? `; a ${record} that fails a gate still counts toward attainment` : ''}.`);
    out.push(acc.mode === 'marginal'
      ? `Earnings accelerate with attainment: each part of a ${record} earns the factor of the tier that part of attainment falls in (marginal tiers, see the tier table).`
      : `Earnings accelerate with attainment: every ${record} of the ${period} earns the factor of the tier that attainment reaches at the end of the ${period} (retroactive tiers, see the tier table).`);
  }
  for (const cap of c.caps) {
    const scope = cap.scope === 'deal' ? record : cap.scope === 'period' ? period : 'fiscal year';
    out.push(`${c.name} pays at most ${amountWords(cap.amount, ir)} per ${scope}${cap.scope === 'period' || cap.scope === 'year' ? ' in all' : ''}.`);
  }
  return out;
}

/** "credited to the payee" or, with `all`, "credited to anyone". */
function creditedWords(sel: IrSelection, _ir: IrPlan): string {
  return sel.all ? 'credited to anyone' : 'credited to the payee';
}

function whereWords(sel: IrSelection, ir: IrPlan): string {
  return sel.where ? ` where ${conditionWords(sel.where, ir)}` : '';
}

/** An amount: a literal or a constant's value in words ("10,000 USD"), else the term or its source. */
export function amountWords(e: IrExpr, ir: IrPlan): string {
  const literal = literalWords(e, ir);
  if (literal !== undefined) return literal;
  if (e.k === 'let') {
    const l = ir.lets.find((x) => x.name === e.name);
    const value = l ? literalWords(l.expr, ir) : undefined;
    if (value !== undefined) return `${value} (${e.name})`;
  }
  if (e.k === 'if') return `${amountWords(e.a, ir)} when ${conditionWords(e.c, ir)}, otherwise ${amountWords(e.b, ir)}`;
  return termWords(e, ir) ?? `\`${printExpr(e, ir.plan.currency)}\``;
}

function baseWords(e: IrExpr, ir: IrPlan): string {
  const t = termWords(e, ir);
  return t ? `its ${t}` : `\`${printExpr(e, ir.plan.currency)}\``;
}

function rateWords(e: IrExpr, ir: IrPlan): string {
  const literal = amountWords(e, ir);
  if (e.k === 'lit' || e.k === 'let') return `a rate of ${literal}`;
  if (e.k === 'match') return `a rate that depends on ${termWords(e.e, ir) ?? `\`${printExpr(e.e, ir.plan.currency)}\``} (see the rate table)`;
  if (e.k === 'bands') return `a rate set by bands of ${termWords(e.e, ir) ?? `\`${printExpr(e.e, ir.plan.currency)}\``} (see the rate table)`;
  return `the rate \`${printExpr(e, ir.plan.currency)}\``;
}

function factorWords(e: IrExpr, ir: IrPlan): string {
  if (e.k === 'match') return `a factor that depends on ${termWords(e.e, ir) ?? `\`${printExpr(e.e, ir.plan.currency)}\``} (see the multiplier table)`;
  if (e.k === 'bands') return `a factor set by bands of ${termWords(e.e, ir) ?? `\`${printExpr(e.e, ir.plan.currency)}\``} (see the multiplier table)`;
  return amountWords(e, ir);
}
