// Property tests (fast-check) over mutations of every real plan.
// 1. The output depends on the tokens and comments of a plan, not on how it was spaced:
//    random spaces, tabs and newlines inserted between tokens give the same output as the plan
//    itself. Newlines go only where the tokens shared a line and no comment stands between
//    them (a newline there would move a trailing comment to a line of its own, or add an
//    empty line the formatter rightly keeps), and a mutation that changes the parse (a
//    newline before a `-` in a table row starts a new row) is discarded.
// 2. Comments of every kind inserted anywhere, and tokens deleted, still format: no formatter
//    failure, idempotent, the AST and every comment kept, no line ending in spaces.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPlan } from '../../packages/language/src/index';
import { tokenize, tokenSpan } from '../../packages/language/src/syntax/lexer';
import { hasSyntaxErrors, realPlans, syntaxOf, treeOf } from './helpers';

interface Gap {
  /** Where whitespace may be inserted: just after a token. */
  readonly at: number;
  /** A newline may be inserted too. */
  readonly newline: boolean;
}

function gapsBetweenTokens(text: string): Gap[] {
  const { tokens, comments } = tokenize(text);
  const gaps: Gap[] = [];
  for (let index = 1; index < tokens.length; index++) {
    const at = tokenSpan(tokens[index - 1]!).end;
    const next = tokenSpan(tokens[index]!).start;
    const commentBetween = comments.some((comment) => comment.span.start >= at && comment.span.start < next);
    gaps.push({ at, newline: !commentBetween && !/[\r\n]/.test(text.slice(at, next)) });
  }
  return gaps;
}

function insertWhitespace(text: string, gaps: readonly Gap[], edits: readonly { gap: number; whitespace: string }[]): string {
  const sorted = [...edits].sort((a, b) => gaps[b.gap]!.at - gaps[a.gap]!.at);
  let mutated = text;
  for (const { gap, whitespace } of sorted) {
    const { at, newline } = gaps[gap]!;
    const inserted = newline ? whitespace : whitespace.replace(/[\r\n]/g, ' ');
    mutated = mutated.slice(0, at) + inserted + mutated.slice(at);
  }
  return mutated;
}

const WHITESPACE = fc.constantFrom(' ', '   ', '\t', '\n', '\n    ', ' \t\n\t ', '\r\n');

/** Up to 25 insertions, at most one per gap (two newlines in one gap would make an empty line). */
function edits(gapCount: number): fc.Arbitrary<{ gap: number; whitespace: string }[]> {
  const edit = fc.record({ gap: fc.nat({ max: gapCount - 1 }), whitespace: WHITESPACE });
  return fc.uniqueArray(edit, { minLength: 1, maxLength: 25, selector: (e) => e.gap });
}

describe('whitespace between tokens does not change the output', () => {
  it.each(realPlans().map((plan) => [plan.name, plan.text] as const))('%s', (_name, text) => {
    const expected = formatPlan(text).text;
    const tree = treeOf(text);
    const gaps = gapsBetweenTokens(text);
    if (gaps.length === 0) return;
    fc.assert(fc.property(edits(gaps.length), (inserted) => {
      const mutated = syntaxOf(insertWhitespace(text, gaps, inserted));
      fc.pre(!mutated.errors && mutated.tree === tree);
      expect(formatPlan(insertWhitespace(text, gaps, inserted)).text).toBe(expected);
    }), { numRuns: 40 });
  });

  it('discards the one mutation that changes a parse: a newline before a `-` in a table row', () => {
    const text = 'let g = bands x {\n  0% up -> 1 - y\n}\n';
    const mutated = 'let g = bands x {\n  0% up -> 1\n - y\n}\n';
    expect(hasSyntaxErrors(mutated) || treeOf(mutated) !== treeOf(text)).toBe(true);
  });
});

// ---------------------------------------------------------------- comments anywhere

const COMMENTS = fc.constantFrom(
  ' // trailing\n', '/* inline */', ' /* inline */ ', '\n// own line\n', '\n/* own line */\n', '\n\n// after an empty line\n\n',
  '/// doc\n', '\n/* over\n   two lines */ ', ' /* block */ // and line\n', '\n',
);

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Inserts comments before tokens (or at the end) and replaces deleted tokens by a space. */
function applyEdits(text: string, edits: Edit[]): string {
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let mutated = text;
  let limit = Infinity;
  for (const edit of edits) {
    if (edit.end > limit) continue;
    mutated = mutated.slice(0, edit.start) + edit.text + mutated.slice(edit.end);
    limit = edit.start;
  }
  return mutated;
}

describe('comments anywhere and deleted tokens still format', () => {
  it.each(realPlans().map((plan) => [plan.name, plan.text] as const))('%s', (_name, text) => {
    const tokens = tokenize(text).tokens.map(tokenSpan);
    if (tokens.length === 0) return;
    const insertions = fc.array(fc.record({ before: fc.nat({ max: tokens.length }), comment: COMMENTS }), { minLength: 1, maxLength: 12 });
    const deletions = fc.array(fc.nat({ max: tokens.length - 1 }), { maxLength: 2 });
    fc.assert(fc.property(insertions, deletions, (inserted, deleted) => {
      const edits: Edit[] = [
        ...inserted.map(({ before, comment }) => {
          const at = before === tokens.length ? text.length : tokens[before]!.start;
          return { start: at, end: at, text: comment };
        }),
        ...deleted.map((index) => ({ start: tokens[index]!.start, end: tokens[index]!.end, text: ' ' })),
      ];
      const mutated = applyEdits(text, edits);
      const before = syntaxOf(mutated);
      fc.pre(!before.errors);
      const result = formatPlan(mutated);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(formatPlan(result.text).text).toBe(result.text);
      const after = syntaxOf(result.text);
      expect(after.tree).toBe(before.tree);
      expect(after.comments).toEqual(before.comments);
      expect(result.text).not.toMatch(/[ \t]+\n/);
    }), { numRuns: 30 });
  });
});
