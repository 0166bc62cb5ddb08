import { checkClaims, markdownFiles, renderClaims } from './check-readme-claims';

/**
 * The project's own Markdown, checked in `npm test`: every block of a section
 * marked `<!-- claims: checked -->` names the test that proves it (or why it
 * is no claim), and every tag names a test that exists. `npm run claims`
 * prints the list. See docs/testing.md.
 */
describe('the README and docs/ say only what a test proves', () => {
  const report = checkClaims();

  it('has a test behind every checked claim, and no tag naming a missing test', () => {
    // On failure the whole listing is printed, problems last.
    expect(report.problems.length === 0 ? [] : [renderClaims(report)]).toEqual([]);
  });

  it('keeps the behavioural sections checked, wherever they move (README.md or docs/)', () => {
    const checkedSections = new Set(report.blocks.filter((b) => b.checked).map((b) => b.headings[b.headings.length - 1]));
    expect(markdownFiles()).toContain('README.md');
    for (const section of ['Triage', 'RG 271 compliance', 'Reliability and security']) expect({ section, checked: checkedSections.has(section) }).toEqual({ section, checked: true });
  });
});
