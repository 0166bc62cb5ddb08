import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkClaims, markdownFiles } from './check-readme-claims';
import { readBlocks } from './claim-tags';
import { declaredTitles, titleMatches } from './test-titles';

/** A throwaway repository: the checker reads README.md, docs/**, test files and bench/run.ts under it. */
function repo(files: Record<string, string>): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'claims-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

const TESTS = {
  'test/integration/queue.test.ts': `
    describe('the queue', () => {
      it('orders by deadline', async () => {});
      test.concurrent(\`pushes live\`, async () => {});
      it.skip('was never finished', () => {});
      it.each([1, 2])('case %s is one case', () => {});
      it(\`survives \${KILLS} kills\`, () => {});
      // it('only a comment', () => {});
    });`,
  'bench/run.ts': "const sections = ['baseline', 'timings'] as const;",
};

describe('README claims checker', () => {
  it('accepts a checked section whose every block names an existing test, a bench section, or why it is no claim', () => {
    const { root, remove } = repo({
      ...TESTS,
      'README.md': [
        '# Inbox',
        '',
        'An overview nobody checks.',
        '',
        '## Queue',
        '<!-- claims: checked -->',
        '',
        'The queue is ordered by deadline. <!-- claim: test/integration/queue.test.ts orders by deadline -->',
        'It is pushed live.',
        '<!-- claim: test/integration/queue.test.ts pushes live -->',
        '',
        '- One case per customer <!-- claim: test/integration/queue.test.ts case 2 is one case -->',
        '- Fast: 100 ms. <!-- measured: timings -->',
        '',
        '| setting | effect |',
        '|---|---|',
        '| `PORT` | where it listens <!-- no-claim: a setting, tested with the configuration --> |',
        '',
        '```',
        'npm start   # code is never a claim',
        '```',
        '',
        '## Elsewhere',
        '',
        'Not checked, as the section has no marker; `<!-- claims: checked -->` and `<!-- claim: x.test.ts y -->` in code are text.',
      ].join('\n'),
    });
    try {
      const report = checkClaims(root);
      expect(report.problems).toEqual([]);
      const checked = report.blocks.filter((b) => b.checked);
      expect(checked.map((b) => b.text)).toEqual([
        'The queue is ordered by deadline. It is pushed live.',
        'One case per customer',
        'Fast: 100 ms.',
        '| `PORT` | where it listens |',
      ]);
      expect(checked[0].tags.map((t) => t.title)).toEqual(['orders by deadline', 'pushes live']);
      expect(report.blocks.find((b) => b.text.startsWith('Not checked'))?.checked).toBe(false);
    } finally {
      remove();
    }
  });

  it('fails an untagged claim, a missing file or title, a skipped test, an unknown bench section and a bare no-claim', () => {
    const { root, remove } = repo({
      ...TESTS,
      'docs/pages/queue.md': [
        '## Queue',
        '<!-- claims: checked -->',
        '',
        'A claim with no test.',
        '',
        'A missing file. <!-- claim: test/integration/gone.test.ts orders by deadline -->',
        '',
        'A missing title. <!-- claim: test/integration/queue.test.ts orders by priority -->',
        '',
        'A skipped test. <!-- claim: test/integration/queue.test.ts was never finished -->',
        '',
        'Only a comment. <!-- claim: test/integration/queue.test.ts only a comment -->',
        '',
        'Not a test file. <!-- claim: bench/run.ts baseline -->',
        '',
        'A made-up figure. <!-- measured: throughput -->',
        '',
        'A shrug. <!-- no-claim: -->',
        '',
        'A broken tag. <!-- claim: test/integration/queue.test.ts -->',
        '',
        '### Still inside',
        '',
        'Subsections are checked too.',
        '',
        '## Next',
        '',
        'Outside again.',
      ].join('\n'),
    });
    try {
      const problems = checkClaims(root, markdownFiles(root)).problems.map((p) => p.replace(/:\d+:/, ':'));
      expect(problems).toEqual([
        'docs/pages/queue.md: a claim with no test — tag it (docs/testing.md): "A claim with no test."',
        'docs/pages/queue.md: no test file test/integration/gone.test.ts',
        'docs/pages/queue.md: test/integration/queue.test.ts has no test or group titled "orders by priority"',
        'docs/pages/queue.md: "was never finished" in test/integration/queue.test.ts is skipped, so it proves nothing',
        'docs/pages/queue.md: test/integration/queue.test.ts has no test or group titled "only a comment"',
        'docs/pages/queue.md: bench/run.ts is not a test file (*.test.ts, *.spec.ts)',
        'docs/pages/queue.md: no benchmark section "throughput" in bench/run.ts',
        'docs/pages/queue.md: a no-claim marker needs its reason',
        'docs/pages/queue.md: a tag that cannot be read: <!-- claim: test/integration/queue.test.ts -->',
        'docs/pages/queue.md: a claim with no test — tag it (docs/testing.md): "A broken tag."',
        'docs/pages/queue.md: a claim with no test — tag it (docs/testing.md): "Subsections are checked too."',
      ]);
    } finally {
      remove();
    }
  });

  it('reads README.md and every page under docs/, so claims can move between them', () => {
    const { root, remove } = repo({ 'README.md': '# x', 'docs/a.md': '# a', 'docs/deep/b.md': '# b', 'docs/notes.txt': 'not markdown' });
    try {
      expect(markdownFiles(root)).toEqual(['README.md', 'docs/a.md', 'docs/deep/b.md']);
    } finally {
      remove();
    }
  });

  it('reads test titles from the syntax tree, placeholders of .each tables included', () => {
    const titles = declaredTitles('x.test.ts', TESTS['test/integration/queue.test.ts']);
    expect(titles.map((t) => [t.kind, t.title, t.skipped])).toEqual([
      ['group', 'the queue', false],
      ['test', 'orders by deadline', false],
      ['test', 'pushes live', false],
      ['test', 'was never finished', true],
      ['test', 'case %s is one case', false],
      ['test', 'survives %s kills', false],
    ]);
    expect(titleMatches(titles[5], 'survives 12 kills')).toBe(true);
    const each = titles[4];
    expect(titleMatches(each, 'case 1 is one case')).toBe(true);
    expect(titleMatches(each, 'case %s is one case')).toBe(true);
    expect(titleMatches(each, 'a case is one case')).toBe(false);
  });

  it('attaches a line of tags to the block above it, and ignores other comments', () => {
    const blocks = readBlocks('x.md', ['# x', '<!-- claims: checked -->', '', 'Claim.', '', '<!-- claim: a.test.ts t -->', '<!-- a note to editors -->'].join('\n'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ line: 4, checked: true, malformed: [], tags: [{ kind: 'claim', target: 'a.test.ts', title: 't', line: 6 }] });
  });
});
