// `incent diff` as users run it (the built CLI): golden Markdown and JSON on the governance
// fixtures and the examples, "no semantic change" for a reformatted plan, plans read from git
// history, exit codes, and the acceptance test of issue 6 — an example plan against a copy
// with one changed rate, one added cap and reformatting names exactly those two changes and
// the payees whose pay moves.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifacts, fixture, incent, presentExamples, ROOT } from './helpers';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Applies text edits, each of which must match. */
function edit(text: string, edits: [string | RegExp, string][]): string {
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`the edit ${String(from)} does not apply: has the plan changed?`);
    text = next;
  }
  return text;
}

/** Reformats a plan without changing what it means: four-space indents, no alignment, a comment. */
function reformat(text: string): string {
  return `// reformatted for review\n${text.replace(/^( +)/gm, (s) => s.repeat(2)).replace(/ {2,}->/g, ' ->')}`;
}

const ENTERPRISE = fixture('enterprise', 'plan.incent');
const ENTERPRISE_DATA = fixture('enterprise', 'data');

describe('incent diff on the governance fixtures', () => {
  const changed = artifacts('enterprise-changed.incent');
  writeFileSync(join(ROOT, changed), reformat(edit(read(ENTERPRISE), [
    ['partner     -> 5%', 'partner     -> 6%'],
    ['  cap 60_000 USD per period', '  cap 60_000 USD per period\n  cap 25_000 USD per year'],
    ['  gate d.margin >= 20%\n', ''],
  ])));

  it('names the changes in plain words (no data)', async () => {
    const r = incent(['diff', ENTERPRISE, changed]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('golden/diff-enterprise-rules.md');
  });

  it('shows the payout impact with data (Markdown)', async () => {
    const r = incent(['diff', ENTERPRISE, changed, '--data', ENTERPRISE_DATA]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('golden/diff-enterprise.md');
  });

  it('shows the payout impact with data (JSON)', async () => {
    const r = incent(['diff', ENTERPRISE, changed, '--data', ENTERPRISE_DATA, '--format', 'json', '--threshold', '5000']);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('golden/diff-enterprise.json');
    expect(r.json.impact.threshold).toEqual({ kind: 'absolute', value: '5000' });
  });

  it('says "no semantic change" for a reformatted and reordered plan', async () => {
    const path = artifacts('enterprise-reformatted.incent');
    const text = read(ENTERPRISE);
    const spiff = /\nspiff bundle_push \{[\s\S]*?\n\}\n/.exec(text)![0];
    writeFileSync(join(ROOT, path), reformat(text.replace(spiff, '\n') + spiff));
    const r = incent(['diff', ENTERPRISE, path, '--data', ENTERPRISE_DATA]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('golden/diff-no-change.md');
    expect(incent(['diff', ENTERPRISE, path, '--format', 'json']).json).toMatchObject({ equal: true, changes: [] });
  });

  it('diffs the partner fixture (status rates, retroactive tiers, yearly cap)', async () => {
    const plan = fixture('partner', 'plan.incent');
    const path = artifacts('partner-changed.incent');
    writeFileSync(join(ROOT, path), edit(read(plan), [
      ['silver     -> 12%', 'silver     -> 13%'],
      ['100% up      -> 1.2', '100% up      -> 1.25'],
      ['cap 50_000 EUR per year', 'cap 40_000 EUR per year'],
      ['pay 2_000 EUR', 'pay 2_500 EUR'],
    ]));
    const r = incent(['diff', plan, path, '--data', fixture('partner', 'data')]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('golden/diff-partner.md');
  });

  it('reads plans from git history with git:REV:path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'incent-diff-git-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    writeFileSync(join(dir, 'plan.incent'), read(ENTERPRISE));
    git('add', 'plan.incent');
    git('commit', '-q', '-m', 'v3');
    writeFileSync(join(dir, 'plan.incent'), read(ENTERPRISE).replace('marketplace -> 3%', 'marketplace -> 4%'));
    git('commit', '-q', '-am', 'marketplace 4%');
    const r = incent(['diff', 'git:HEAD~1:plan.incent', 'git:HEAD:plan.incent', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.json.changes.map((c: { text: string }) => c.text)).toEqual(['marketplace rate 3% → 4% in new_business']);
    expect(r.json.old.ref).toBe('git:HEAD~1:plan.incent');
    const working = incent(['diff', 'git:HEAD:plan.incent', 'plan.incent'], { cwd: dir });
    expect(working.stdout).toContain('No semantic change');
    const missing = incent(['diff', 'git:HEAD~5:plan.incent', 'plan.incent'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read git:HEAD~5:plan\.incent from git/);
  });

  it('exits 64 on a bad threshold, 1 on a missing or broken plan, 2 on bad data', () => {
    expect(incent(['diff', ENTERPRISE, ENTERPRISE, '--threshold', 'lots']).code).toBe(64);
    expect(incent(['diff', ENTERPRISE, 'nope.incent']).code).toBe(1);
    const broken = artifacts('broken.incent');
    writeFileSync(join(ROOT, broken), read(ENTERPRISE).replace('base d.amount', 'base d.amout'));
    const r = incent(['diff', ENTERPRISE, broken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[');
    expect(incent(['diff', ENTERPRISE, changedPlanFor(), '--data', 'test/governance/fixtures']).code).toBe(2);
  });
});

function changedPlanFor(): string {
  return artifacts('enterprise-changed.incent');
}

describe.each(presentExamples())('incent diff on examples/%s', (name) => {
  const plan = join('examples', name, 'plan.incent');
  const data = join('examples', name, 'data');

  it('acceptance: one changed rate, one added cap and reformatting name exactly those two changes and the payees affected', async () => {
    const changed = artifacts(`${name}-changed.incent`);
    const edits = ACCEPTANCE_EDITS[name];
    if (!edits) throw new Error(`no acceptance edits for examples/${name}: add a rate change and a cap to ACCEPTANCE_EDITS`);
    writeFileSync(join(ROOT, changed), reformat(edit(read(plan), edits.edits)));
    const r = incent(['diff', plan, changed, '--data', data, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json.changes.map((c: { text: string }) => c.text)).toEqual(edits.expected);

    // the payees affected are exactly those whose totals differ between the two runs
    const totals = (p: string) => {
      const run = incent(['run', p, '--data', data, '--format', 'json']);
      expect(run.code).toBe(0);
      const sums = new Map<string, number>();
      for (const t of run.json.totals as { payee: string; amount: string }[]) sums.set(t.payee, Math.round(((sums.get(t.payee) ?? 0) + Number(t.amount)) * 100) / 100);
      return sums;
    };
    const before = totals(plan), after = totals(changed);
    const moved = [...before.keys()].filter((p) => before.get(p) !== after.get(p)).sort();
    expect(moved.length).toBeGreaterThan(0);
    const affected = r.json.impact.byPayee.filter((p: { delta: string }) => Number(p.delta) !== 0).map((p: { payee: string }) => p.payee).sort();
    expect(affected).toEqual(moved);

    const md = incent(['diff', plan, changed, '--data', data]);
    for (const p of moved) expect(md.stdout).toMatch(new RegExp(`\\*\\*Affected:\\*\\*.*\\b${p}\\b`));
    await expect(md.stdout).toMatchFileSnapshot(`golden/diff-${name}.md`);
  });

  it('a reformatted copy is no semantic change', () => {
    const copy = artifacts(`${name}-reformatted.incent`);
    writeFileSync(join(ROOT, copy), reformat(read(plan)));
    const r = incent(['diff', plan, copy, '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('**No semantic change**');
  });
});

/** Per example: edits that change one rate and add one cap, and the two changes expected. */
const ACCEPTANCE_EDITS: Record<string, { edits: [string | RegExp, string][]; expected: string[] }> = {
  'enterprise-ae': {
    edits: [
      [/partner( +)-> 5%/, 'partner$1-> 6%'],
      [/(\n  cap 60_000 USD per period\n)/, '$1  cap 100_000 USD per year\n'],
    ],
    expected: ['partner rate 5% → 6% in new_business', 'new cap 100,000 USD per year in new_business'],
  },
  'partner-program': {
    edits: [
      [/silver( +)-> 7%/, 'silver$1-> 8%'],
      [/(\n  cap 15_000 USD per deal\n)/, '$1  cap 30_000 USD per period\n'],
    ],
    expected: ['silver rate 7% → 8% in resale_rebate', 'new cap 30,000 USD per period in resale_rebate'],
  },
  'customer-success': {
    edits: [
      [/expansion( +)-> 6%/, 'expansion$1-> 7%'],
      [/(\n  cap 60_000 USD per year\n)/, '\n  cap 4_000 USD per deal$1'],
    ],
    expected: ['expansion rate 6% → 7% in retention', 'new cap 4,000 USD per deal in retention'],
  },
};
