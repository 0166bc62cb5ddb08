import { socialTestsAtIntake, socialTestsVerdict, type SocialMediaTests } from './social-media';

const all: SocialMediaTests = { aboutTheFirm: true, onChannelFirmControls: true, authorIdentifiable: true, authorContactable: true };

describe('social-media complaints (RG 271.32(a))', () => {
  it('meets the definition only when each of the three tests passes, judged separately', () => {
    expect(socialTestsVerdict(all)).toBe('meets');
    expect(socialTestsVerdict({ ...all, onChannelFirmControls: false })).toBe('fails');
    expect(socialTestsVerdict({ ...all, authorIdentifiable: false })).toBe('fails');
    // Identifiable but not contactable (a named account that accepts no messages) fails on its own.
    expect(socialTestsVerdict({ ...all, authorContactable: false })).toBe('fails');
    expect(socialTestsVerdict({ ...all, aboutTheFirm: false })).toBe('fails');
  });
  it('is pending while a test is unanswered, and fails as soon as one fails', () => {
    expect(socialTestsVerdict({ ...all, authorIdentifiable: null })).toBe('pending');
    expect(socialTestsVerdict({ ...all, authorIdentifiable: null, onChannelFirmControls: false })).toBe('fails');
  });
  it('at intake answers only what the facts show: the firm’s own account from its list, identifiable from a name, contactable from an address', () => {
    const base = { channel: 'facebook', account: 'page-100', classifiedAsComplaint: true, ownedAccounts: ['page-100'], displayName: 'Pat Doe', senderAddress: 'fb-1' };
    expect(socialTestsAtIntake(base)).toEqual(all);
    expect(socialTestsAtIntake({ ...base, account: 'page-999' }).onChannelFirmControls).toBe(false);
    // No list of the firm's accounts: not assumed, left to an agent.
    expect(socialTestsAtIntake({ ...base, ownedAccounts: null }).onChannelFirmControls).toBeNull();
    expect(socialTestsAtIntake({ ...base, displayName: null })).toMatchObject({ authorIdentifiable: null, authorContactable: true });
    expect(socialTestsAtIntake({ ...base, senderAddress: null })).toMatchObject({ authorIdentifiable: true, authorContactable: null });
    expect(socialTestsAtIntake({ ...base, classifiedAsComplaint: false }).aboutTheFirm).toBeNull();
  });
});
