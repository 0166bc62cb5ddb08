import { describe, expect, it } from '@jest/globals';
import { attachmentLink } from './attachment-links';

describe('attachmentLink', () => {
  it('fetches the inbox’s own attachments with the staff token', () => {
    expect(attachmentLink('/api/attachments/0b7c2a9e-1c4f-5d6e-8f90-123456789abc')).toEqual({ kind: 'inbox', path: '/api/attachments/0b7c2a9e-1c4f-5d6e-8f90-123456789abc' });
  });

  it('links web addresses and relative paths', () => {
    expect(attachmentLink('https://api.twilio.com/2010-04-01/Media/ME1')).toEqual({ kind: 'web', href: 'https://api.twilio.com/2010-04-01/Media/ME1' });
    expect(attachmentLink('/webchat/file.png')).toEqual({ kind: 'web', href: '/webchat/file.png' });
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'geo:-33.86,151.2', '//evil.example/x', '/\\evil.example', 'vbscript:x', '', null, undefined])(
    'never links %p',
    (url: string | null | undefined) => {
      expect(attachmentLink(url)).toEqual({ kind: 'none' });
    },
  );
});
