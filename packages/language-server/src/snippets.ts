// Completion snippets, one for each declaration kind, filled in from the plan where it can be
// (its currency, its first credited input and the fields of that input), so that a snippet
// accepted as is comes close to checking.
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import type { Analysis } from './analysis';
import { KEYWORD_DOCS } from './keywords';

export function declarationSnippets(analysis: Analysis): CompletionItem[] {
  const { symbols, header } = analysis.checked;
  const currency = header?.currency ?? 'USD';
  const credited = [...symbols.inputs.values()].find((s) => s.decl.credits.length > 0);
  const input = credited?.decl.name.name ?? 'deals';
  const fieldOf = (type: string, fallback: string) => [...(credited?.fields.values() ?? [])].find((f) => f.type.name.name === type)?.name.name ?? fallback;
  const amount = fieldOf('Money', 'amount');
  const optionalDate = [...(credited?.fields.values() ?? [])].find((f) => f.type.name.name === 'Date' && f.type.optional)?.name.name ?? 'cancelled_on';
  const recoverable = [...symbols.components.values()].find((c) => c.kind === 'CommissionDecl')?.name.name ?? 'component';
  const snippets: Record<string, string> = {
    plan: `plan "\${1:Name}" {\n  version \${2:1}\n  currency \${3:${currency}}\n  period \${4|quarter,month,half,year|}\n  effective \${5:2027-01-01} to \${6:2027-12-31}\n}\n`,
    enum: 'enum ${1:Name} { ${2:first}, ${3:second} }',
    input: 'input ${1:name} {\n  ${2:id}: ${3:Text} key\n  $0\n}',
    let: 'let ${1:name} = $0',
    measure: `measure \${1:name} = sum(d.\${2:${amount}} for d in \${3:${input}} where $4)`,
    metric: `metric \${1:name} = count(d in all \${2:${input}} where $3)`,
    commission: `commission \${1:name} {\n  for d in \${2:${input}} where $3\n  base d.\${4:${amount}}\n  rate \${5:5%}\n}`,
    bonus: `bonus \${1:name} {\n  when $2\n  pay \${3:1_000 ${currency}}\n}`,
    spiff: `spiff \${1:name} {\n  during \${2:2027-01-01} to \${3:2027-03-31}\n  for d in \${4:${input}} where $5\n  pay \${6:500 ${currency}}\n}`,
    clawback: `clawback \${1:name} {\n  for d in \${2:${input}} where d.\${3:${optionalDate}} is set\n  recover \${4:100%} of \${5:${recoverable}} on \${3:${optionalDate}}\n}`,
    draw: `draw \${1:name} {\n  pay \${2:3_000 ${currency}} per period\n  recoverable\n}`,
    reward: 'reward ${1:name} {\n  when $2\n  grant ${3:100} points\n}',
  };
  return Object.entries(snippets).map(([word, body]) => ({
    label: word,
    kind: CompletionItemKind.Snippet,
    detail: `${word} declaration`,
    documentation: { kind: 'markdown', value: `${KEYWORD_DOCS[word] ?? ''}\n\n\`\`\`incent\n${body.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '…')}\n\`\`\`` },
    insertText: body,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `2${word}`,
    filterText: word,
  }));
}
