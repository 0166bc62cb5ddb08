import { parseMailboxUrl, parseSmtpUrl } from './mailbox-url';

describe('parseMailboxUrl', () => {
  it('reads an imaps URL with an encoded address login and app password', () => {
    expect(parseMailboxUrl('imaps://Support%40Example.com:abcd%20efgh@imap.gmail.com/INBOX')).toEqual({
      host: 'imap.gmail.com',
      port: 993,
      secure: true,
      user: 'Support@Example.com',
      password: 'abcd efgh',
      auth: 'password',
      mailbox: 'INBOX',
      account: 'support@example.com',
      key: 'support@example.com/INBOX',
    });
  });

  it('defaults to INBOX and port 143, and names the account after the host when the login is not an address', () => {
    const m = parseMailboxUrl('imap://complaints:pw@mail.example.com');
    expect([m.port, m.secure, m.mailbox, m.account]).toEqual([143, false, 'INBOX', 'complaints@mail.example.com']);
  });

  it('keeps a nested folder', () => {
    expect(parseMailboxUrl('imap://u:p@h:1143/Complaints%2FAU').mailbox).toBe('Complaints/AU');
  });

  it('signs in as the URL says (?auth=), else as EMAIL_AUTH says, with no password for OAuth2', () => {
    const m = parseMailboxUrl('imaps://complaints%40bank.example@outlook.office365.com/INBOX?auth=oauth2-microsoft', 'password');
    expect([m.auth, m.user, m.password, m.key]).toEqual(['oauth2-microsoft', 'complaints@bank.example', '', 'complaints@bank.example/INBOX']);
    expect(parseMailboxUrl('imaps://a%40b.example@imap.gmail.com/INBOX', 'oauth2-google').auth).toBe('oauth2-google');
    const smtp = parseSmtpUrl('smtp://complaints%40bank.example@smtp.office365.com:587?auth=oauth2-microsoft');
    expect(smtp).toEqual({ host: 'smtp.office365.com', port: 587, secure: false, user: 'complaints@bank.example', password: '', auth: 'oauth2-microsoft' });
  });
});
