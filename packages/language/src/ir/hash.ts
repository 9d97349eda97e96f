// The plan's content hash (`sha256:…`): the same on every machine for the same plan, and
// unchanged by formatting, comments, doc comments or the order of top-level declarations.
// It hashes a canonical form of the IR: source locations, docs and the file name dropped,
// named top-level lists sorted by name, object keys sorted.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { IrPlan } from './ir';

export function planHash(ir: IrPlan): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(semanticForm(ir)))))}`;
}

/** The IR without what does not change payouts: locations, docs, the source file's name; declarations sorted. */
export function semanticForm(ir: IrPlan): unknown {
  const byName = <T extends { name: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { source: _source, ...plan } = ir.plan;
  return strip({
    ...ir,
    plan,
    enums: byName(ir.enums),
    inputs: byName(ir.inputs),
    lets: byName(ir.lets),
    measures: byName(ir.measures),
    components: byName(ir.components),
    metrics: byName(ir.metrics),
  });
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'at' && k !== 'doc') out[k] = strip(v);
    return out;
  }
  return value;
}

/** JSON with object keys sorted and no white space. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
