// Baseline: bench/plan.incent computed as DuckDB SQL (@duckdb/node-api, in memory).
// `node bench/baselines/duckdb.mjs DIR > totals.csv` prints `payee,period,amount` for every payee
// and quarter with deals. Same semantics as LANGUAGE.md §4 and §5:
//   - credit order per payee and quarter: closed_on, then id (DuckDB compares VARCHAR by bytes of
//     UTF-8, which is code point order);
//   - attainment is a running SUM over every record, gated or not (window function);
//   - marginal tier slices of [before, after) at quota × 100% and quota × 150% with LEAST/GREATEST;
//   - per-deal cap, then the quarter's sum, rounded once to cents HALF-EVEN (DuckDB's ROUND on
//     DECIMAL rounds half away from zero, so the tie is resolved explicitly below).
// Everything is DECIMAL: amounts DECIMAL(18,2), cumulative sums and earnings DECIMAL(38,10).
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/baselines/duckdb.mjs DATA_DIR\n');
  process.exit(64);
}
const q = (s) => `'${s.replaceAll("'", "''")}'`;

const sql = `
WITH reps AS (
  SELECT * FROM read_csv(${q(join(dir, 'reps.csv'))}, header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'quota': 'DECIMAL(18,2)'})
),
deals AS (
  SELECT * FROM read_csv(${q(join(dir, 'deals.csv'))}, header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'owner': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'cost': 'DECIMAL(18,2)',
               'channel': 'VARCHAR', 'closed_on': 'DATE'})
  WHERE closed_on BETWEEN DATE '2027-01-01' AND DATE '2027-12-31'       -- effective range
),
credited AS (
  SELECT d.id, d.owner AS payee, d.closed_on,
         year(d.closed_on) || '-Q' || quarter(d.closed_on) AS period,
         d.amount,
         -- gate d.margin >= 20%, with margin = (amount - cost) / amount and amount > 0
         (d.amount - d.cost) >= CAST(0.2 AS DECIMAL(3,2)) * d.amount AS passes,
         CASE d.channel WHEN 'direct' THEN CAST(0.08 AS DECIMAL(4,2))
                        WHEN 'partner' THEN CAST(0.05 AS DECIMAL(4,2))
                        WHEN 'marketplace' THEN CAST(0.03 AS DECIMAL(4,2)) END AS rate,
         CAST(r.quota AS DECIMAL(38,10)) AS bound1,
         CAST(r.quota * CAST(1.5 AS DECIMAL(2,1)) AS DECIMAL(38,10)) AS bound2
  FROM deals d JOIN reps r ON r.id = d.owner
),
running AS (
  SELECT *,
         CAST(SUM(amount) OVER (PARTITION BY payee, period ORDER BY closed_on, id
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DECIMAL(38,10)) AS after
  FROM credited
),
sliced AS (
  SELECT payee, period, passes, rate,
         GREATEST(CAST(0 AS DECIMAL(38,10)), LEAST(after, bound1) - LEAST(after - amount, bound1)) AS s1,
         GREATEST(CAST(0 AS DECIMAL(38,10)), LEAST(after, bound2) - GREATEST(after - amount, bound1)) AS s2,
         GREATEST(CAST(0 AS DECIMAL(38,10)), after - GREATEST(after - amount, bound2)) AS s3
  FROM running
),
earned AS (
  SELECT payee, period,
         CASE WHEN passes THEN
           CAST(LEAST(CAST(20000 AS DECIMAL(38,10)),
                      CAST((s1 + s2 * CAST(1.5 AS DECIMAL(2,1)) + s3 * CAST(2 AS DECIMAL(2,1))) * rate AS DECIMAL(38,10)))
                AS DECIMAL(38,10))
         ELSE CAST(0 AS DECIMAL(38,10)) END AS earning
  FROM sliced
),
totals AS (
  SELECT payee, period, CAST(SUM(earning) AS DECIMAL(38,10)) AS exact FROM earned GROUP BY payee, period
),
rounded AS (
  -- half-even to cents: c = exact × 100; take floor(c), add 1 when the rest is over a half,
  -- or exactly a half and floor(c) is odd.
  SELECT payee, period, exact * 100 AS c, FLOOR(exact * 100) AS f FROM totals
)
SELECT payee, period,
       CAST(CAST(f + CASE WHEN c - f > 0.5 THEN 1
                          WHEN c - f = 0.5 AND f % 2 <> 0 THEN 1
                          ELSE 0 END AS DECIMAL(38,0)) * CAST(0.01 AS DECIMAL(3,2)) AS VARCHAR) AS amount
FROM rounded
ORDER BY payee, period
`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const out = ['payee,period,amount'];
// The amount arrives as VARCHAR: DECIMAL values read as JS numbers would go through a binary float.
for (const [payee, period, amount] of reader.getRows()) {
  out.push(`${payee},${period},${amount}`);
}
process.stdout.write(`${out.join('\n')}\n`);
