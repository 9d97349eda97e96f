// Credit order compares Text keys by Unicode code points (spec §4, step 1). compareCodePoints
// compares UTF-16 code units with surrogates shifted above U+E000–FFFF; this checks it against
// the plain definition (decode, then compare code points) on random strings of every plane.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../packages/language/src/eval/expr';

function byDecoding(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!), y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

describe('compareCodePoints', () => {
  it('orders as code points, not as UTF-16 units or by locale', () => {
    expect(compareCodePoints('D10', 'D2')).toBeLessThan(0);
    expect(compareCodePoints('Z', 'a')).toBeLessThan(0);
    expect(compareCodePoints('D1', 'D10')).toBeLessThan(0);
    expect(compareCodePoints('same', 'same')).toBe(0);
    // U+FF5E (one unit, 0xFF5E) comes before U+1F600 (units 0xD83D 0xDE00), though 0xD83D < 0xFF5E
    expect(compareCodePoints('\uFF5E', '\u{1F600}')).toBeLessThan(0);
    expect(compareCodePoints('\u{1F600}', '\uE000')).toBeGreaterThan(0);
  });

  it('agrees with decoding on random strings of every plane', () => {
    // any code point but a lone surrogate (text decoded from UTF-8 never holds one)
    const codePoint = fc.oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }), fc.constantFrom(0x61, 0xe000, 0xffff, 0x10000, 0x1f600));
    const text = fc.array(codePoint, { maxLength: 6 }).map((cps) => String.fromCodePoint(...cps));
    fc.assert(fc.property(text, text, (a, b) => Math.sign(compareCodePoints(a, b)) === Math.sign(byDecoding(a, b))), { numRuns: 5_000, seed: 42 });
  });
});
