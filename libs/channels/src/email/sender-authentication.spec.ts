import { trustedResults } from './sender-authentication';
import { countRemoteImages, sanitizeEmailHtml } from './email-html.sanitizer';

describe('trustedResults (Authentication-Results of our own server)', () => {
  const lines = [
    'Authentication-Results: mx.evil.test; dmarc=pass header.from=bank.example',
    'Authentication-Results: mx.ours.test (Postfix);\r\n spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=bank.example;\r\n dkim=fail header.d=other.example; dkim=pass header.d=bank.example;\r\n dmarc=pass (p=reject) policy.published-domain-policy=reject header.from=bank.example',
  ];

  it('reads the newest header whose authserv-id is ours, ignoring those anyone could write', () => {
    expect(trustedResults(lines, ['mx.ours.test'])).toEqual({
      dmarc: 'pass',
      spf: 'pass',
      dkim: 'pass',
      checkedBy: 'mx.ours.test',
      fromDomain: 'bank.example',
      dkimDomains: ['bank.example'],
      policy: 'reject',
    });
    expect(trustedResults(lines, [])).toBeUndefined();
    expect(trustedResults(lines.slice(0, 1), ['mx.ours.test'])).toBeUndefined();
  });

  it('returns quickly on an adversarial header', () => {
    const started = Date.now();
    trustedResults([`Authentication-Results: mx.ours.test; ${'('.repeat(4000)}${'dkim=pass; '.repeat(300)}`], ['mx.ours.test']);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('sanitizeEmailHtml', () => {
  it('keeps formatting, tables, links and images, and drops scripts, handlers, forms, frames and style fetches', () => {
    const dirty = [
      '<html><head><style>body{background:url(https://t.example/x)}</style><script>alert(1)</script></head><body>',
      '<p style="color:red;background-image:url(https://t.example/p.gif)" onclick="steal()">Hello <b>there</b></p>',
      '<table border="1"><tr><td bgcolor="#eee">Fee</td></tr></table>',
      '<a href="javascript:alert(1)">bad</a> <a href="https://bank.example/help">help</a>',
      '<img src="cid:logo@bank"> <img src="https://tracker.example/open.gif" width="1">',
      '<form action="https://x"><input name="pw"></form><iframe src="https://x"></iframe>',
      '</body></html>',
    ].join('');
    const clean = sanitizeEmailHtml(dirty);
    expect(clean).toContain('<b>there</b>');
    expect(clean).toContain('<td bgcolor="#eee">Fee</td>');
    expect(clean).toContain('style="color:red"');
    expect(clean).toContain('<a href="https://bank.example/help" target="_blank" rel="noopener noreferrer">help</a>');
    expect(clean).toContain('src="cid:logo@bank"');
    for (const gone of ['<script', 'alert(1)', 'onclick', '<form', '<input', '<iframe', 'javascript:', 'url(', '<style']) expect(clean).not.toContain(gone);
    expect(countRemoteImages(clean)).toBe(1);
  });
});
