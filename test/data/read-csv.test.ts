// Reading a CSV file larger than one chunk (data/read-csv.ts reads 8,192 records per call to
// csv-parse): records, their values and their physical lines must not depend on where the
// chunks end, whether a chunk has quotes in it, or a broken row inside one.
import { describe, expect, it } from 'vitest';
import { compile, loadData } from '../../packages/language/src/index';
import { HEADER } from '../eval/helpers';

const PLAN = `${HEADER()}
input reps {
  id: Payee key
  note: Text
}
commission c { for r in reps  base 1 USD  rate 1% }
`;

describe('CSV over several chunks', () => {
  it('gives every record its cells and its first physical line, across chunk ends', () => {
    const { ir } = compile(PLAN);
    const lines = ['id,note'];
    const expected: { key: string; line: number; note: string }[] = [];
    let broken = 0;
    for (let k = 0; k < 8192 * 2 + 37; k++) {
      const id = `R${k}`;
      if (k % 1000 === 999) lines.push(''); // an empty line: skipped, but counted
      const line = lines.length + 1;
      if (k === 9000) { lines.push(`${id},"ab"c`); broken = line; continue; } // text after a closing quote
      // a quoted cell over two lines now and then, some of them at the end of a chunk
      const multi = k % 997 === 0 || k === 8191 || k === 8192 || k === 16_383;
      const note = multi ? `first\nsecond ${k}` : k % 3 === 0 ? `say "hi", ${k}` : `plain ${k}`;
      const cell = multi || note.includes('"') || note.includes(',') ? `"${note.replaceAll('"', '""')}"` : note;
      lines.push(...`${id},${cell}`.split('\n'));
      expected.push({ key: id, line, note });
    }
    const data = loadData(ir!, [{ input: 'reps', file: 'reps.csv', format: 'csv', text: `${lines.join('\n')}\n` }]);
    expect(data.records.reps!.map((r) => ({ key: r.key, line: r.line, note: r.values.note }))).toEqual(expected);
    expect(data.errors.map((e) => `${e.line} ${e.message}`)).toEqual([`${broken} broken quoting: text follows the closing quote of a cell`]);
    expect(data.read.reps).toBe(expected.length + 1);
  });
});
