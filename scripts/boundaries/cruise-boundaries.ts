import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** One import that breaks a rule of .dependency-cruiser.cjs: paths are relative to the cruised directory. */
export interface BoundaryViolation {
  rule: string;
  from: string;
  to: string;
}

export interface BoundaryReport {
  violations: BoundaryViolation[];
  /** The report as `npm run lint:boundaries` prints it. */
  text: string;
}

export class BoundaryCruiseError extends Error {}

const REPOSITORY = join(__dirname, '..', '..');
const CLI = join(REPOSITORY, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/**
 * Runs dependency-cruiser's command line (its API is ES modules only, which jest's loader does not load) with
 * the repository's rules over `paths` inside `directory`, following imports one level deep.
 */
export async function cruiseBoundaries(directory: string, paths: string[], configFile = join(REPOSITORY, '.dependency-cruiser.cjs')): Promise<BoundaryReport> {
  const args = [CLI, '--config', configFile, '--max-depth', '1', ...paths];
  const [json, text] = await Promise.all([run(directory, [...args, '--output-type', 'json']), run(directory, [...args, '--output-type', 'err'])]);
  let parsed: { summary?: { violations?: Array<{ from: string; to: string; rule: { name: string } }> } };
  try {
    parsed = JSON.parse(json) as typeof parsed;
  } catch (error) {
    throw new BoundaryCruiseError(`dependency-cruiser printed no JSON report: ${json.slice(0, 500)}`, { cause: error });
  }
  const violations = parsed.summary?.violations;
  if (!violations) throw new BoundaryCruiseError('dependency-cruiser\'s JSON report has no summary.violations');
  return { violations: violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })), text };
}

/** dependency-cruiser exits with the number of errors it found, so a non-zero exit with a report is an answer. */
async function run(directory: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: directory, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: unknown };
    if (typeof failed.code === 'number' && failed.stdout) return failed.stdout;
    throw new BoundaryCruiseError(`dependency-cruiser failed in ${directory}: ${failed.stderr || String(error)}`, { cause: error });
  }
}
