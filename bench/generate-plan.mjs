// Generates a large, valid Incent plan of about N lines (default 5,000) for compiler and
// language-server benchmarks: `node bench/generate-plan.mjs 5000 > /tmp/big.incent`.
const target = Number(process.argv[2] ?? 5000);
const out = [
  'plan "Generated" {', '  version 1', '  currency USD', '  period quarter', '  effective 2027-01-01 to 2027-12-31', '}', '',
  'enum Channel { direct, partner, marketplace }', 'enum Stage { open, won, lost }', '',
  'input reps {', '  id: Payee key', '  region: Text', '  quota: Money', '}', '',
  'input deals {', '  id: Text key', '  owner: Payee', '  amount: Money', '  cost: Money', '  channel: Channel', '  stage: Stage',
  '  closed_on: Date', '  let margin = (amount - cost) / amount', '  credit owner on closed_on', '}', '',
];
for (let i = 0; out.length < target; i++) {
  out.push(
    `/// Bookings of block ${i}.`,
    `measure bookings_${i} = sum(d.amount for d in deals where d.stage == won and d.amount > ${i} USD)`,
    `measure attainment_${i} = bookings_${i} / payee.quota`,
    '',
    `commission block_${i} {`,
    '  for d in deals where d.stage == won',
    '  base d.amount',
    '  rate match d.channel {',
    '    direct      -> 8%',
    '    partner     -> 5%',
    '    marketplace -> 3%',
    '  }',
    '  gate d.margin >= 20%',
    '  multiplier bands d.margin {',
    '    20% to 30% -> 0.8',
    '    30% up     -> 1',
    '    else       -> 0',
    '  }',
    '  accelerate marginal against payee.quota {',
    '    0%   to 100% -> 1',
    '    100% to 150% -> 1.5',
    '    150% up      -> 2',
    '  }',
    '  cap 20_000 USD per deal',
    '}',
    '',
    `bonus club_${i} {`,
    `  when attainment_${i} >= 100%`,
    '  pay 1_000 USD',
    '}',
    '',
  );
}
process.stdout.write(`${out.join('\n')}\n`);
