// Property tests: the loader never throws on any text, every row read is either a record or
// rejected, errors come sorted, and CSV cells written with RFC 4180 quoting read back as is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectReconciled, loadOne } from './helpers';

const FIELDS = ['id: Text key', 'note: Text?', 'amount: Money?'];
const csvish = fc.stringMatching(/^[a-z0-9",.\r\n %{}[\]:\uFFFD-]*$/, { maxLength: 120 });

describe('robustness', () => {
  it('never throws, reconciles and sorts, whatever the text and format', () => {
    fc.assert(fc.property(csvish, fc.constantFrom('csv', 'json', 'jsonl'), (body, format) => {
      const text = format === 'csv' ? `id,note,amount\n${body}` : body;
      const loaded = loadOne(FIELDS, { file: `t.${format}`, format, text });
      expectReconciled(loaded);
      const lines = loaded.errors.map((e) => e.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
      for (const r of loaded.rejected) expect(r.reasons.length).toBeGreaterThan(0);
    }), { numRuns: 500 });
  });

  it('quoted cells read back exactly, and lines stay physical', () => {
    const cellText = fc.stringMatching(/^[a-z ,"\r\n]*$/, { maxLength: 12 }).filter((s) => s.trim() !== '');
    fc.assert(fc.property(fc.array(cellText, { minLength: 1, maxLength: 6 }), (notes) => {
      let text = 'id,note,amount\r\n';
      let line = 2;
      const expected: [number, string][] = [];
      notes.forEach((note, i) => {
        expected.push([line, note]);
        text += `K${i},"${note.replace(/"/g, '""')}",1\r\n`;
        line += 1 + (note.match(/\r\n|\n|\r/g)?.length ?? 0);
      });
      const loaded = loadOne(FIELDS, text);
      expect(loaded.errors).toEqual([]);
      expect(loaded.records.t!.map((r) => [r.line, r.values.note])).toEqual(expected);
    }), { numRuns: 300 });
  });
});
