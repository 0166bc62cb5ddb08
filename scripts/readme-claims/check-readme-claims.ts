/**
 * npm run claims — lists the behavioural claims of README.md and docs/**\/*.md
 * with the test that proves each, and exits 1 when a claim has no test, a tag
 * names a test file or title that does not exist (or is skipped), or a figure
 * names a benchmark section that does not exist, or a link inside the
 * repository leads to no file or heading (markdown-links.ts). The same check
 * runs in `npm test` (readme-claims.spec.ts). See docs/testing.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readBlocks, type MarkdownBlock } from './claim-tags';
import { checkLinks } from './markdown-links';
import { declaredTitles, titleMatches, type DeclaredTitle } from './test-titles';

export interface ClaimsReport {
  blocks: MarkdownBlock[];
  problems: string[];
}

const ROOT = resolve(__dirname, '../..');

/** The Markdown the checker reads: the README and every page under docs/. */
export function markdownFiles(root = ROOT): string[] {
  const docs = join(root, 'docs');
  const pages = existsSync(docs)
    ? readdirSync(docs, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.md'))
        .map((f) => join('docs', f))
        .sort()
    : [];
  return ['README.md', ...pages].filter((f) => existsSync(join(root, f)));
}

export function checkClaims(root = ROOT, files = markdownFiles(root)): ClaimsReport {
  const titles = new Map<string, DeclaredTitle[] | null>();
  const titlesOf = (file: string): DeclaredTitle[] | null => {
    if (!titles.has(file)) {
      const path = join(root, file);
      titles.set(file, existsSync(path) ? declaredTitles(file, readFileSync(path, 'utf8')) : null);
    }
    return titles.get(file)!;
  };
  const benchRunner = existsSync(join(root, 'bench/run.ts')) ? readFileSync(join(root, 'bench/run.ts'), 'utf8') : '';
  const blocks: MarkdownBlock[] = [];
  const problems: string[] = [];
  for (const file of files) {
    for (const block of readBlocks(file, readFileSync(join(root, file), 'utf8'))) {
      blocks.push(block);
      const where = `${file}:${block.line}`;
      for (const bad of block.malformed) problems.push(`${file}:${bad.line}: a tag that cannot be read: ${bad.comment}`);
      if (block.checked && block.tags.length === 0) problems.push(`${where}: a claim with no test — tag it (docs/testing.md): "${excerpt(block.text)}"`);
      for (const tag of block.tags) {
        const at = `${file}:${tag.line}`;
        if (tag.kind === 'no-claim' && tag.target.trim() === '') problems.push(`${at}: a no-claim marker needs its reason`);
        if (tag.kind === 'measured' && !benchRunner.includes(`'${tag.target}'`)) problems.push(`${at}: no benchmark section "${tag.target}" in bench/run.ts`);
        if (tag.kind !== 'claim') continue;
        if (!/\.(test|spec)\.tsx?$/.test(tag.target)) {
          problems.push(`${at}: ${tag.target} is not a test file (*.test.ts, *.spec.ts)`);
          continue;
        }
        const declared = titlesOf(tag.target);
        if (declared === null) {
          problems.push(`${at}: no test file ${tag.target}`);
          continue;
        }
        const matches = declared.filter((d) => titleMatches(d, tag.title!));
        if (matches.length === 0) problems.push(`${at}: ${tag.target} has no test or group titled "${tag.title}"`);
        else if (matches.every((d) => d.skipped)) problems.push(`${at}: "${tag.title}" in ${tag.target} is skipped, so it proves nothing`);
      }
    }
  }
  for (const link of checkLinks(root, files)) problems.push(`${link.file}:${link.line}: the link ${link.href} ${link.reason.startsWith('leads') ? link.reason : `leads nowhere: ${link.reason}`}`);
  return { blocks, problems };
}

/** The claims and their tests, as `npm run claims` prints them. */
export function renderClaims(report: ClaimsReport): string {
  const out: string[] = [];
  let claims = 0;
  let figures = 0;
  for (const block of report.blocks) {
    const proofs = block.tags.filter((t) => t.kind === 'claim' || t.kind === 'measured');
    if (proofs.length === 0) continue;
    claims += 1;
    out.push(`${block.file}:${block.line}  ${excerpt(block.text)}`);
    for (const tag of proofs) {
      if (tag.kind === 'measured') figures += 1;
      out.push(tag.kind === 'claim' ? `    test   ${tag.target} › ${tag.title}` : `    bench  npm run bench (section ${tag.target})`);
    }
  }
  const untested = report.blocks.filter((b) => b.checked && b.tags.length === 0).length;
  const notClaims = report.blocks.filter((b) => b.tags.length > 0 && b.tags.every((t) => t.kind === 'no-claim')).length;
  out.push('', `${claims} claims with their proof (${figures} of them figures from the benchmark), ${notClaims} blocks marked as no claim, ${untested} checked blocks without a tag.`);
  if (report.problems.length) out.push('', `${report.problems.length} problem(s):`, ...report.problems.map((p) => `  ${p}`));
  return out.join('\n');
}

function excerpt(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

if (require.main === module) {
  const report = checkClaims();
  process.stdout.write(`${renderClaims(report)}\n`);
  process.stdout.write(`(files: ${markdownFiles().map((f) => relative(ROOT, join(ROOT, f))).join(', ')})\n`);
  process.exit(report.problems.length ? 1 : 0);
}
