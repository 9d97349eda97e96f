// The formatter's properties on every real plan (idempotent, AST unchanged, comments kept in
// order, clean lines) and its rules one at a time on small plans: what it keeps, what it
// normalises, and that a plan with syntax errors is never reformatted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../packages/language/src/index';
import { commentsOf, realPlans, ROOT, treeOf } from './helpers';

const PLANS = realPlans();

describe('formatting every real plan', () => {
  it('finds the plans', () => {
    expect(PLANS.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(PLANS.map((plan) => [plan.name, plan.text] as const))('%s', (_name, text) => {
    const result = formatPlan(text);

    it('formats without a diagnostic', () => {
      expect(result.diagnostics).toEqual([]);
      expect(result.changed).toBe(result.text !== text);
    });

    it('is idempotent', () => {
      const again = formatPlan(result.text);
      expect(again.text).toBe(result.text);
      expect(again.changed).toBe(false);
    });

    it('keeps the AST', () => {
      expect(treeOf(result.text)).toBe(treeOf(text));
    });

    it('keeps every comment, in order', () => {
      expect(commentsOf(result.text)).toEqual(commentsOf(text));
    });

    it('ends with one newline and no line ends in spaces', () => {
      expect(result.text.endsWith('\n')).toBe(true);
      expect(result.text.endsWith('\n\n')).toBe(false);
      expect(result.text).not.toMatch(/[ \t]+\n/);
      expect(result.text).not.toMatch(/\n\n\n/);
      expect(result.text).not.toContain('\r');
    });
  });
});

/** Formats a plan written as lines. */
function format(...lines: string[]): string {
  const result = formatPlan(`${lines.join('\n')}\n`);
  expect(result.diagnostics).toEqual([]);
  return result.text;
}

describe('the rules', () => {
  it('returns a plan with syntax errors unchanged, with its diagnostics', () => {
    const text = 'measure m = 1 +\nlet   x =    2\n';
    const result = formatPlan(text);
    expect(result.text).toBe(text);
    expect(result.changed).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain('E003');
  });

  it('formats a plan that only fails checking (names are not the formatter\'s business)', () => {
    expect(format('measure   m =unknown+1')).toBe('measure m = unknown + 1\n');
  });

  it('keeps literals as written, one space before a currency, strings re-escaped', () => {
    expect(format('let a = 1_000_000', 'let b = 7.50%', 'let c = 250_000\t  USD', 'let d = 2027-01-31', 'let e = "a \\"b\\" \\\\ c"'))
      .toBe('let a = 1_000_000\nlet b = 7.50%\nlet c = 250_000 USD\nlet d = 2027-01-31\nlet e = "a \\"b\\" \\\\ c"\n');
  });

  it('keeps parentheses where they were written and adds none', () => {
    expect(format('let a = ( (x+y) )*z', 'let b = x+y*z', 'let c = not(x)and - -y > 0')).toBe(
      'let a = ((x + y)) * z\nlet b = x + y * z\nlet c = not (x) and - -y > 0\n',
    );
  });

  it('prints an empty file as an empty file, and comments alone as they are', () => {
    expect(formatPlan('').text).toBe('');
    expect(formatPlan('\n\n  \n').text).toBe('');
    expect(format('', '// only a comment', '', '', '/* and a block */  ')).toBe('// only a comment\n\n/* and a block */\n');
  });

  it('sets block declarations apart and keeps at most one empty line elsewhere', () => {
    expect(format('let a = 1', 'let b = 2', '', '', '', 'let c = 3', 'bonus x { when a > 1 pay 1 USD }', 'let d = 4')).toBe(
      'let a = 1\nlet b = 2\n\nlet c = 3\n\nbonus x {\n  when a > 1\n  pay 1 USD\n}\n\nlet d = 4\n',
    );
  });

  it('puts a comment between two blocks after the empty line, with the block it describes', () => {
    expect(format('draw a { pay 1 USD per period }', '// about b', 'draw b { recoverable }')).toBe(
      'draw a {\n  pay 1 USD per period\n}\n\n// about b\ndraw b {\n  recoverable\n}\n',
    );
  });

  it('puts an enum on one line, or one value per line with commas when it holds a line comment', () => {
    expect(format('enum Channel {', '  direct,', '  partner,', '}')).toBe('enum Channel { direct, partner }\n');
    expect(format('enum Tier { silver, // the middle', 'gold }')).toBe('enum Tier {\n  silver, // the middle\n  gold,\n}\n');
    expect(format('enum Empty {  }')).toBe('enum Empty {}\n');
  });

  it('aligns the arrows of a match and the columns of a bands table', () => {
    expect(format('let r = match c { direct -> 8% partner, marketplace -> 5% else -> 0% }')).toBe(
      'let r = match c {\n  direct               -> 8%\n  partner, marketplace -> 5%\n  else                 -> 0%\n}\n',
    );
    expect(format('let m = bands x { below 1% -> 0 1% to 10% -> 0.5 10% up -> 1 }')).toBe(
      'let m = bands x {\n  below 1%   -> 0\n  1%  to 10% -> 0.5\n  10% up     -> 1\n}\n',
    );
  });

  it('indents a table from the line it opens on', () => {
    expect(format('commission c { rate match d.channel { direct -> 8% else -> match d.stage { won -> 1% else -> 0% } } }')).toBe([
      'commission c {',
      '  rate match d.channel {',
      '    direct -> 8%',
      '    else   -> match d.stage {',
      '      won  -> 1%',
      '      else -> 0%',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'));
  });

  it('keeps a row that starts with `-` a row of its own', () => {
    expect(format('let g = bands x {', '  below -10% -> 0 - 1', '  -10% up -> 1', '}')).toBe(
      'let g = bands x {\n  below -10% -> 0 - 1\n  -10% up    -> 1\n}\n',
    );
  });

  it('breaks a long condition before each `and`/`or`, and a long `if` before each `else`', () => {
    const condition = 'd.stage == won and d.product == "Bundle" and d.amount > 1_000 USD and d.channel == partner';
    expect(format(`spiff s { for d in deals where ${condition} pay 1 USD }`)).toBe([
      'spiff s {',
      '  for d in deals where d.stage == won',
      '    and d.product == "Bundle"',
      '    and d.amount > 1_000 USD',
      '    and d.channel == partner',
      '  pay 1 USD',
      '}',
      '',
    ].join('\n'));
    expect(format('measure growth_rate_for_the_payee = if last_month > 0 EUR then bookings / last_month - 1 else if bookings > 0 EUR then 100% else 0%')).toBe([
      'measure growth_rate_for_the_payee = if last_month > 0 EUR then bookings / last_month - 1',
      '  else if bookings > 0 EUR then 100%',
      '  else 0%',
      '',
    ].join('\n'));
  });

  it('keeps trailing comments at the end of their line, aligned on consecutive lines', () => {
    expect(format('plan "P" {', '  version 3 // v', '  currency USD      // c', '', '  period quarter // p', '}')).toBe(
      'plan "P" {\n  version 3    // v\n  currency USD // c\n\n  period quarter // p\n}\n',
    );
  });

  it('keeps a comment inside an expression where it was', () => {
    expect(format('measure x = a + // why', '    b * /* inline */ c', 'measure y = a +', '// own line', 'b')).toBe(
      'measure x = a + // why\n  b * /* inline */ c\nmeasure y = a +\n  // own line\n  b\n',
    );
  });

  it('keeps a doc comment attached to its declaration and field', () => {
    const text = format('/// The roster.', '', 'input reps {', '/// The id.', '    id: Payee key', '}');
    expect(text).toBe('/// The roster.\n\ninput reps {\n  /// The id.\n  id: Payee key\n}\n');
  });

  it('indents by the `indent` option', () => {
    expect(formatPlan('bonus b { when x pay 1 USD }\n', { indent: 4 }).text).toBe('bonus b {\n    when x\n    pay 1 USD\n}\n');
  });

  it('takes CRLF line endings and writes LF', () => {
    expect(formatPlan('let a = 1\r\n\r\n\r\nlet b = 2 // two\r\n').text).toBe('let a = 1\n\nlet b = 2 // two\n');
  });
});

describe('docs/formatting.md', () => {
  const guide = readFileSync(join(ROOT, 'docs', 'formatting.md'), 'utf8');
  // Each example without the indentation of its fence (one inside a list item is indented).
  const examples = [...guide.matchAll(/^( *)```incent\n([\s\S]*?)^ *```/gm)]
    .map(([, fence, body]) => body!.split('\n').map((line) => line.slice(fence!.length)).join('\n'));

  it.each(examples.map((example, index) => [index + 1, example] as const))('example %i is formatted already', (_index, example) => {
    expect(formatPlan(example).text).toBe(example);
  });
});
