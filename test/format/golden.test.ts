// Golden tests of the formatter: test/format/cases/NAME.incent formats to
// NAME.formatted.incent (refresh with `vitest -u` and review the diff), and the formatted
// file is a fixed point.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../packages/language/src/index';
import { goldenInputs } from './helpers';

describe('golden formatting', () => {
  it('has cases', () => {
    expect(goldenInputs().length).toBeGreaterThanOrEqual(5);
  });

  it.each(goldenInputs().map((path) => [basename(path, '.incent'), path] as const))('%s', async (name, path) => {
    const result = formatPlan(readFileSync(path, 'utf8'));
    expect(result.diagnostics).toEqual([]);
    await expect(result.text).toMatchFileSnapshot(`cases/${name}.formatted.incent`);
    expect(formatPlan(result.text).text).toBe(result.text);
  });
});
