// The governance layer of the core: what a plan's approvers and payees read. Semantic plan
// diffs and payout impact (`incent diff`), plan documents (`incent doc`), statements
// (`incent explain`), plan tests and coverage (`incent test`). Pure, like the rest of the
// core: IR, loaded data and run reports in; structured results and plain words out.
export { diffPlans, sameIr, type PlanDiff, type PlanChange, type ChangeAction, type ChangeScope } from './ir-diff';
export { payoutImpact, creditedBookings, parseThreshold, type PayoutImpact, type ImpactRow, type PayeeImpact, type ComponentImpact, type Threshold, type ImpactOptions } from './impact';
export { buildStatement, statementLine, type Statement, type StatementLine, type StatementRecord } from './statement';
export { buildPlanDoc, type PlanDoc, type DocComponent, type DocTable, type DocExample } from './doc-model';
export { describeComponent, ruleSummary } from './rule-words';
export { conditionWords, exprWords } from './words';
export { formatMoney, formatDelta, formatPercent, formatNumber, groupThousands } from './values';
export type { Fact } from './probe';
export { parseTestFile, type TestFile, type TestCase, type TestDataBlock, type TestExpectation, type TestFileProblem } from './plan-test-format';
export { runPlanTest, type PlanTestResult, type TestFailure, type TestRunContext } from './plan-test-run';
export { CoverageModel, summariseCoverage, type CoverageItem, type CoverageKind, type CoverageSummary } from './coverage';
