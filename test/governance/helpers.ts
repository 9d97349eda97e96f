// Helpers for the governance tests: paths of the fixtures and examples, the git-ignored
// artefact folder (test-artifacts/governance) for generated plans and screenshots, and the
// examples present in this checkout.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli';

export { incent, ROOT } from '../helpers/cli';

/** A fixture path relative to the repository root (outputs name files as given). */
export const fixture = (...parts: string[]) => join('test', 'governance', 'fixtures', ...parts);

/** test-artifacts/governance, created on demand; paths relative to the root. */
export function artifacts(...parts: string[]): string {
  mkdirSync(join(ROOT, 'test-artifacts', 'governance'), { recursive: true });
  return join('test-artifacts', 'governance', ...parts);
}

export const EXAMPLES = ['enterprise-ae', 'partner-program', 'customer-success'] as const;

/** The examples whose plan and data exist in this checkout (they are written alongside). */
export function presentExamples(): string[] {
  return EXAMPLES.filter((name) => existsSync(join(ROOT, 'examples', name, 'plan.incent')) && existsSync(join(ROOT, 'examples', name, 'data')));
}
