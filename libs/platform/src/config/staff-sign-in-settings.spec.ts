import { ConfigError, loadConfig } from './app-config';

describe('staff sign-in settings', () => {
  const sso = { OIDC_ISSUER_URL: 'https://login.example.com/tenant/v2.0', OIDC_CLIENT_ID: 'inbox', OIDC_CLIENT_SECRET: 's', OIDC_ROLE_MAP: 'complaints-agents=agent, it-admins=admin' };

  it('has passwords on, no second factor required, no SSO, tokens up to 365 days by default', () => {
    expect(loadConfig({}).auth).toMatchObject({ passwordLogin: true, require2fa: 'off', apiTokenMaxDays: 365, oidc: undefined });
  });

  it('reads the provider, the button label, the groups claim (groups by default) and the group maps', () => {
    expect(loadConfig({ ...sso, OIDC_TEAMS_MAP: 'complaints-cards=Cards and loans' }).auth.oidc).toEqual({
      issuerUrl: sso.OIDC_ISSUER_URL,
      clientId: 'inbox',
      clientSecret: 's',
      displayName: 'single sign-on',
      rolesClaim: 'groups',
      roleMap: { 'complaints-agents': 'agent', 'it-admins': 'admin' },
      teamsMap: { 'complaints-cards': 'Cards and loans' },
    });
  });

  it.each([
    [{ OIDC_CLIENT_ID: 'inbox' }, 'OIDC_ISSUER_URL'],
    [{ ...sso, OIDC_ROLE_MAP: undefined }, 'OIDC_ROLE_MAP'],
    [{ ...sso, OIDC_ROLE_MAP: 'complaints-agents=boss' }, 'OIDC_ROLE_MAP'],
    [{ ...sso, OIDC_ISSUER_URL: 'http://login.example.com' }, 'OIDC_ISSUER_URL'],
    [{ PASSWORD_LOGIN: 'off' }, 'PASSWORD_LOGIN'],
    [{ REQUIRE_2FA: 'sometimes' }, 'REQUIRE_2FA'],
  ])('refuses %j naming %s', (env, setting) => {
    expect(() => loadConfig(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => loadConfig(env as Record<string, string>)).toThrow(setting);
  });

  it('takes plain http only for a provider on this machine', () => {
    expect(loadConfig({ ...sso, OIDC_ISSUER_URL: 'http://127.0.0.1:4000' }).auth.oidc?.issuerUrl).toBe('http://127.0.0.1:4000');
  });
});
