import { adversarialTexts, millisecondsFor, ONE_MB, PROMPT_MS } from '../../../../test/support/adversarial-inputs';
import { htmlToPlainText } from './html-text';

describe('htmlToPlainText', () => {
  it('renders what a person reads: paragraphs, entities, no scripts, styles or link targets', () => {
    const html =
      '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>' +
      '<p>Hello&nbsp;there &amp; thanks,</p><p>see <a href="https://x.example/">this</a><br>and &lt;that&gt;</p><img src="cid:logo"></body></html>';
    expect(htmlToPlainText(html)).toBe('Hello\u00a0there & thanks,\n\nsee this\nand <that>');
  });

  it.each(Object.entries(adversarialTexts()))('returns promptly on 1 MB of %s', (_name, html) => {
    expect(millisecondsFor(() => htmlToPlainText(html))).toBeLessThan(PROMPT_MS);
  });

  it('returns promptly on 1 MB of deeply nested inline tags and unclosed comments', () => {
    expect(millisecondsFor(() => htmlToPlainText('<b>'.repeat(ONE_MB / 3)))).toBeLessThan(PROMPT_MS);
    expect(millisecondsFor(() => htmlToPlainText(`<!--${'<p>'.repeat(ONE_MB / 3)}`))).toBeLessThan(PROMPT_MS);
    expect(millisecondsFor(() => htmlToPlainText('<style>'.repeat(ONE_MB / 7)))).toBeLessThan(PROMPT_MS);
  });
});
