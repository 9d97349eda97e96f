// Signature help for the built-in functions and aggregates (spec §2, §4): which built-in call
// the cursor is in, and which argument. Works on the text before the cursor (the call is often
// unfinished while it is being typed), skipping strings and comments. The table of built-ins
// is shared with hover and completion.
import type { SignatureHelp } from 'vscode-languageserver';

export interface Builtin {
  readonly name: string;
  readonly signatures: readonly { readonly label: string; readonly parameters: readonly { readonly label: string; readonly doc: string }[] }[];
  readonly doc: string;
}

const agg = (name: string, doc: string, result: string): Builtin => ({
  name,
  doc: `${doc} ${result}`,
  signatures: [{
    label: `${name}(e for d in [all] X where c)`,
    parameters: [
      { label: 'e for d in [all] X where c', doc: 'the value `e` of each record `d` of input `X` (credited to the payee in the period; `all` for every record of the period) where `c` holds (`where` is optional)' },
    ],
  }],
});

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  sum: agg('sum', 'Sum of a Money, Percent or Number over records.', 'Same type as `e`; 0 over no records.'),
  avg: agg('avg', 'Average of a Money, Percent or Number over records.', 'Optional: unset over no records.'),
  count: {
    name: 'count',
    doc: 'Number of records that satisfy the condition. Int.',
    signatures: [{ label: 'count(d in [all] X where c)', parameters: [{ label: 'd in [all] X where c', doc: 'the records `d` of input `X` where `c` holds (`where` is optional)' }] }],
  },
  min: {
    name: 'min',
    doc: 'The smallest of two or more values of one type (Dates included), or, as an aggregate, of a value over records (optional: unset over no records).',
    signatures: [
      { label: 'min(a, b, …)', parameters: [{ label: 'a', doc: 'a value' }, { label: 'b, …', doc: 'more values of the same type' }] },
      { label: 'min(e for d in [all] X where c)', parameters: [{ label: 'e for d in [all] X where c', doc: 'the value `e` of each selected record' }] },
    ],
  },
  max: {
    name: 'max',
    doc: 'The largest of two or more values of one type (Dates included), or, as an aggregate, of a value over records (optional: unset over no records).',
    signatures: [
      { label: 'max(a, b, …)', parameters: [{ label: 'a', doc: 'a value' }, { label: 'b, …', doc: 'more values of the same type' }] },
      { label: 'max(e for d in [all] X where c)', parameters: [{ label: 'e for d in [all] X where c', doc: 'the value `e` of each selected record' }] },
    ],
  },
  abs: { name: 'abs', doc: 'The absolute value of a Money, Percent or Number.', signatures: [{ label: 'abs(x)', parameters: [{ label: 'x', doc: 'a Money, Percent or Number' }] }] },
  round: {
    name: 'round',
    doc: "Rounds `x` to a multiple of `step` with the plan's rounding mode: `round(x, 0.01)`.",
    signatures: [{ label: 'round(x, step)', parameters: [{ label: 'x', doc: 'the value to round' }, { label: 'step', doc: 'a plain number, or the type of `x`' }] }],
  },
  ytd: { name: 'ytd', doc: "Evaluates `m` with its aggregates over the fiscal year to date.", signatures: [{ label: 'ytd(m)', parameters: [{ label: 'm', doc: 'a measure or expression with aggregates' }] }] },
  prior: {
    name: 'prior',
    doc: '`m` in the previous period. Optional: unset where that period lies outside the effective range.',
    signatures: [{ label: 'prior(m)', parameters: [{ label: 'm', doc: 'a measure or expression' }] }],
  },
};

/** The built-in call around the cursor and the index of the argument it is in. */
export function callAt(text: string, offset: number): { name: string; argument: number; aggregate: boolean } | undefined {
  const before = stripStringsAndComments(text.slice(Math.max(0, offset - 4000), offset));
  let depth = 0;
  let commas = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const ch = before[i]!;
    if (ch === ')' || ch === '}') depth++;
    else if (ch === '{') {
      if (depth === 0) return undefined; // the cursor is in a block, not a call
      depth--;
    } else if (ch === '(') {
      if (depth > 0) { depth--; continue; }
      const m = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(before.slice(0, i));
      const name = m?.[1];
      if (!name || !(name in BUILTINS)) return undefined;
      return { name, argument: commas, aggregate: /\b(?:for|in)\b/.test(before.slice(i + 1)) };
    } else if (depth === 0 && ch === ',') commas++;
  }
  return undefined;
}

export function signatureHelp(text: string, offset: number): SignatureHelp | null {
  const call = callAt(text, offset);
  if (!call) return null;
  const builtin = BUILTINS[call.name]!;
  const isAggregate = call.aggregate || call.name === 'sum' || call.name === 'avg' || call.name === 'count';
  const active = builtin.signatures.length > 1 && isAggregate ? 1 : 0;
  const sig = builtin.signatures[active]!;
  return {
    signatures: builtin.signatures.map((s) => ({
      label: s.label,
      documentation: { kind: 'markdown', value: builtin.doc },
      parameters: s.parameters.map((p) => ({ label: p.label, documentation: { kind: 'markdown', value: p.doc } })),
    })),
    activeSignature: active,
    activeParameter: Math.min(call.argument, sig.parameters.length - 1),
  };
}

/** Blanks out strings and comments (keeping offsets) so brackets inside them do not count. */
function stripStringsAndComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, (m) => ' '.repeat(m.length))
    .replace(/\/\/[^\n]*/g, (m) => ' '.repeat(m.length))
    .replace(/"(?:[^"\\\n]|\\.)*"?/g, (m) => ' '.repeat(m.length));
}
