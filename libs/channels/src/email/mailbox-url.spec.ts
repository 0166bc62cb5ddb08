import { parseMailboxUrl } from './mailbox-url';

describe('parseMailboxUrl', () => {
  it('reads an imaps URL with an encoded address login and app password', () => {
    expect(parseMailboxUrl('imaps://Support%40Example.com:abcd%20efgh@imap.gmail.com/INBOX')).toEqual({
      host: 'imap.gmail.com',
      port: 993,
      secure: true,
      user: 'Support@Example.com',
      password: 'abcd efgh',
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
});
