// Golden tests of the syntax stage. ok/*.incent parse without a diagnostic and their AST
// (spans included) matches ok/NAME.ast.json; err/*.incent report exactly the errors marked
// inline with carets. Refresh the AST files with `npx vitest run test/syntax -u` and review the diff.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../packages/language/src/syntax/parse';
import { astJson, diagnosticMarkers, fixtureNames, markersIn, readFixture, ROOT } from './syntax-helpers';

describe('ok fixtures', () => {
  for (const name of fixtureNames('ok')) {
    it(name, async () => {
      const text = readFixture('ok', name);
      const result = parse(text);
      expect(result.diagnostics).toEqual([]);
      await expect(astJson(result.file)).toMatchFileSnapshot(join('ok', `${name}.ast.json`));
    });
  }
});

describe('err fixtures', () => {
  for (const name of fixtureNames('err')) {
    it(name, () => {
      const text = readFixture('err', name);
      const expected = markersIn(text);
      expect(expected.length).toBeGreaterThan(0);
      expect(diagnosticMarkers(text, parse(text).diagnostics)).toEqual(expected);
    });
  }
});

describe('plans that must parse without a syntax error', () => {
  const cases = readdirSync(join(ROOT, 'test', 'conformance', 'cases')).sort();
  const files = ['test/fixtures/spec-example.incent', ...cases.map((name) => `test/conformance/cases/${name}/plan.incent`)];
  for (const file of files) {
    it(file, () => {
      const result = parse(readFileSync(join(ROOT, file), 'utf8'));
      expect(result.diagnostics).toEqual([]);
      expect(result.file.declarations.length).toBeGreaterThan(0);
    });
  }
});
