// What a declared thing is, in one line of Incent-like text plus its doc comment: the shared
// wording of hover, completion details and symbol details. Reads the checker's symbol table
// and declaration types; knows nothing of LSP.
import { DECLARATION_WORDS, typeName, type FieldDecl, type Type, type TypeRef } from '@incent/language';
import type { Analysis } from './analysis';

export interface Description {
  /** A code line: `measure bookings: Money`, `deals.amount: Money key`. */
  readonly code: string;
  readonly doc?: string;
  /** What kind of thing it is, in a word: measure, field, enum value… */
  readonly kind: string;
}

export function typeRefText(ref: TypeRef): string {
  return `${ref.name.name || '?'}${ref.optional ? '?' : ''}`;
}

function shownType(t: Type | undefined): string | undefined {
  return t && t.base !== 'Error' ? typeName(t) : undefined;
}

/** The type of a declaration, by checker key ('let:x', 'measure:x', 'metric:x', 'derived:deals.x'). */
export function declarationType(analysis: Analysis, key: string): string | undefined {
  return shownType(analysis.checked.declTypes.get(key));
}

function typed(head: string, type: string | undefined): string {
  return type ? `${head}: ${type}` : head;
}

/** Describes a target of the symbol index ('measure:x', 'field:deals.amount', 'var:d@12', …). */
export function describeTarget(analysis: Analysis, target: string): Description | undefined {
  const { symbols } = analysis.checked;
  const colon = target.indexOf(':');
  const kind = colon < 0 ? target : target.slice(0, colon);
  const rest = target.slice(colon + 1);
  switch (kind) {
    case 'let': {
      const decl = symbols.lets.get(rest);
      if (!decl) return undefined;
      const value = analysis.text.slice(decl.value.span.start, decl.value.span.end);
      return { kind: 'let', code: `${typed(`let ${rest}`, declarationType(analysis, target))} = ${value.length > 80 ? `${value.slice(0, 79)}…` : value}`, doc: decl.doc };
    }
    case 'measure': {
      const decl = symbols.measures.get(rest);
      return decl && { kind: 'measure', code: typed(`measure ${rest}`, declarationType(analysis, target)), doc: decl.doc };
    }
    case 'metric': {
      const decl = symbols.metrics.get(rest);
      return decl && { kind: 'metric', code: typed(`metric ${rest}`, declarationType(analysis, target)), doc: decl.doc };
    }
    case 'component': {
      const decl = symbols.components.get(rest);
      return decl && { kind: DECLARATION_WORDS[decl.kind], code: `${DECLARATION_WORDS[decl.kind]} ${rest}`, doc: decl.doc };
    }
    case 'enum': {
      const decl = symbols.enums.get(rest);
      return decl && { kind: 'enum', code: `enum ${rest} { ${decl.values.map((v) => v.name).join(', ')} }`, doc: decl.doc };
    }
    case 'enumValue': {
      const [enumName, value] = rest.split('.') as [string, string];
      const decl = symbols.enums.get(enumName);
      return decl && { kind: 'enum value', code: `${enumName}.${value}`, doc: `A value of \`enum ${enumName} { ${decl.values.map((v) => v.name).join(', ')} }\`.${decl.doc ? `\n\n${decl.doc}` : ''}` };
    }
    case 'input': {
      const sym = symbols.inputs.get(rest);
      if (!sym) return undefined;
      const credit = sym.decl.credits[0];
      const role = rest === symbols.roster ? 'the roster: one row per payee' : credit ? `credits \`${credit.payeeField.name}\` on \`${credit.dateField.name}\`` : 'no `credit` rule';
      const fields = [...sym.fields.values()].map((f) => `${f.name.name}: ${typeRefText(f.type)}${f.isKey ? ' key' : ''}`);
      const derived = [...sym.derived.keys()].map((n) => `let ${n}`);
      return { kind: 'input', code: `input ${rest} { ${[...fields, ...derived].join(', ')} }`, doc: [sym.decl.doc, `Input \`${rest}\`: ${role}.`].filter(Boolean).join('\n\n') };
    }
    case 'field': {
      const [input, name] = rest.split('.') as [string, string];
      const sym = symbols.inputs.get(input);
      const field: FieldDecl | undefined = sym?.fields.get(name);
      if (field) {
        return { kind: 'field', code: `${input}.${name}: ${typeRefText(field.type)}${field.isKey ? ' key' : ''}`, doc: field.doc };
      }
      const derived = sym?.derived.get(name);
      if (!derived) return undefined;
      const value = analysis.text.slice(derived.value.span.start, derived.value.span.end);
      return { kind: 'derived field', code: `${typed(`${input}.${name}`, declarationType(analysis, `derived:${input}.${name}`))} = ${value}`, doc: derived.doc };
    }
    case 'var': {
      const name = rest.slice(0, rest.indexOf('@') < 0 ? undefined : rest.indexOf('@'));
      const offset = Number(rest.slice(rest.indexOf('@') + 1));
      const input = loopInputAt(analysis, name, offset);
      return { kind: 'loop variable', code: input ? `${name}: record of ${input}` : name, doc: input ? `Each record of \`${input}\` in turn.` : undefined };
    }
    case 'payee': {
      const roster = symbols.roster;
      return { kind: 'keyword', code: 'payee: Payee', doc: `The payee being evaluated: a row of the roster${roster ? ` \`${roster}\`` : ''}.` };
    }
    default:
      return undefined;
  }
}

/** The input a loop variable bound at `offset` ranges over: the identifier after `in [all]`. */
function loopInputAt(analysis: Analysis, name: string, offset: number): string | undefined {
  const after = analysis.text.slice(offset, offset + 200);
  const m = new RegExp(`^${name}\\s+in\\s+(?:all\\s+)?([A-Za-z_][A-Za-z0-9_]*)`).exec(after);
  return m?.[1];
}
