// The symbol table: every top-level name of a plan file, collected before any expression is
// checked (declaration order does not matter, spec §4). Pipeline: AST → **scope** → checker.
// Duplicate names are reported here.
import type {
  ClawbackDecl, CommissionDecl, BonusDecl, Declaration, DrawDecl, EnumDecl, FieldDecl, Identifier, InputDecl,
  LetDecl, MeasureDecl, MetricDecl, PlanDecl, PlanFile, RewardDecl, SpiffDecl,
} from '../syntax/ast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';

export type ComponentDecl = CommissionDecl | BonusDecl | SpiffDecl | ClawbackDecl | DrawDecl | RewardDecl;
export type NamedDecl = Exclude<Declaration, PlanDecl>;

export interface InputSymbol {
  readonly decl: InputDecl;
  readonly fields: Map<string, FieldDecl>;
  readonly derived: Map<string, LetDecl>;
}

export interface SymbolTable {
  readonly plan: PlanDecl | undefined;
  readonly enums: Map<string, EnumDecl>;
  readonly inputs: Map<string, InputSymbol>;
  readonly lets: Map<string, LetDecl>;
  readonly measures: Map<string, MeasureDecl>;
  readonly metrics: Map<string, MetricDecl>;
  readonly components: Map<string, ComponentDecl>;
  /** Every named top-level declaration by name (one namespace). */
  readonly all: Map<string, NamedDecl>;
  /** The roster input's name, when exactly one input is keyed by a single Payee field. */
  roster: string | undefined;
}

export function isComponent(d: Declaration): d is ComponentDecl {
  return (
    d.kind === 'CommissionDecl' || d.kind === 'BonusDecl' || d.kind === 'SpiffDecl' ||
    d.kind === 'ClawbackDecl' || d.kind === 'DrawDecl' || d.kind === 'RewardDecl'
  );
}

export const DECLARATION_WORDS: Record<NamedDecl['kind'], string> = {
  EnumDecl: 'enum', InputDecl: 'input', LetDecl: 'let', MeasureDecl: 'measure', MetricDecl: 'metric',
  CommissionDecl: 'commission', BonusDecl: 'bonus', SpiffDecl: 'spiff', ClawbackDecl: 'clawback',
  DrawDecl: 'draw', RewardDecl: 'reward',
};

/** Collects the declarations of a file; reports duplicate names and duplicate plan blocks. */
export function buildSymbolTable(file: PlanFile, diagnostics: Diagnostic[]): SymbolTable {
  const table: SymbolTable = {
    plan: undefined, enums: new Map(), inputs: new Map(), lets: new Map(), measures: new Map(),
    metrics: new Map(), components: new Map(), all: new Map(), roster: undefined,
  };
  let plan: PlanDecl | undefined;
  for (const d of file.declarations) {
    if (d.kind === 'PlanDecl') {
      if (plan) {
        diagnostics.push(diagnostic('E402', 'a plan file has exactly one `plan` block', d.span, {
          related: [{ span: plan.span, message: 'the first `plan` block' }],
        }));
      } else plan = d;
      continue;
    }
    const name = d.name.name;
    if (!name) continue; // recovery: the syntax error was reported
    const earlier = table.all.get(name);
    if (earlier) {
      diagnostics.push(diagnostic('E101', `\`${name}\` is declared twice`, d.name.span, {
        related: [{ span: earlier.name.span, message: `the first \`${name}\`` }],
        help: 'lets, measures, metrics, components, enums and inputs share one namespace: rename one of them',
      }));
      continue;
    }
    table.all.set(name, d);
    switch (d.kind) {
      case 'EnumDecl': table.enums.set(name, d); checkEnumValues(d, diagnostics); break;
      case 'InputDecl': table.inputs.set(name, collectInput(d, diagnostics)); break;
      case 'LetDecl': table.lets.set(name, d); break;
      case 'MeasureDecl': table.measures.set(name, d); break;
      case 'MetricDecl': table.metrics.set(name, d); break;
      default: table.components.set(name, d);
    }
  }
  return { ...table, plan };
}

/** An enum lists each value once, and at least one. */
function checkEnumValues(decl: EnumDecl, diagnostics: Diagnostic[]): void {
  if (decl.values.length === 0) {
    diagnostics.push(diagnostic('E101', `enum \`${decl.name.name}\` has no values`, decl.name.span, { help: 'list its values: `enum Tier { bronze, silver, gold }`' }));
    return;
  }
  const first = new Map<string, Identifier>();
  for (const v of decl.values) {
    if (!v.name) continue;
    const earlier = first.get(v.name);
    if (earlier) {
      diagnostics.push(diagnostic('E101', `enum \`${decl.name.name}\` lists \`${v.name}\` twice`, v.span, {
        related: [{ span: earlier.span, message: `the first \`${v.name}\`` }],
      }));
    } else first.set(v.name, v);
  }
}

function collectInput(decl: InputDecl, diagnostics: Diagnostic[]): InputSymbol {
  const fields = new Map<string, FieldDecl>();
  const derived = new Map<string, LetDecl>();
  const seen = new Map<string, { span: FieldDecl['name']['span'] }>();
  const add = (name: string, span: FieldDecl['name']['span']) => {
    const earlier = seen.get(name);
    if (earlier) {
      diagnostics.push(diagnostic('E101', `input \`${decl.name.name}\` has two fields named \`${name}\``, span, {
        related: [{ span: earlier.span, message: `the first \`${name}\`` }],
      }));
      return false;
    }
    seen.set(name, { span });
    return true;
  };
  for (const f of decl.fields) if (f.name.name && add(f.name.name, f.name.span)) fields.set(f.name.name, f);
  for (const l of decl.lets) if (l.name.name && add(l.name.name, l.name.span)) derived.set(l.name.name, l);
  return { decl, fields, derived };
}
