// A real OpenID provider (panva's certified oidc-provider) for the tests, run as its own process on loopback.
// Settings come from the environment: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI. A line
// "id-token-ttl <seconds>" on stdin changes how long its id tokens live (negative: already expired when issued).
// Its development sign-in form takes any login and password; the login names the person and their groups:
// "ann+complaints-agents+complaints-cards" is subject "ann" in groups complaints-agents and complaints-cards.
import { createServer } from 'node:http';

import { createInterface } from 'node:readline';
import Provider from 'oidc-provider';

let idTokenTtlSeconds = 3600;
const commands = createInterface({ input: process.stdin });
// The test that started it has gone: so does the provider.
commands.on('close', () => process.exit(0));
commands.on('line', (line) => {
  const [command, value] = line.trim().split(/\s+/);
  if (command === 'id-token-ttl') idTokenTtlSeconds = Number(value);
  process.stdout.write(`ok ${line.trim()}\n`);
});

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID,
      client_secret: process.env.OIDC_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  pkce: { required: () => true },
  ttl: { IdToken: () => idTokenTtlSeconds },
  cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
  claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
  // Groups and email in the id token itself, as Entra ID and Keycloak can be set to do.
  conformIdTokenClaims: false,
  async findAccount(_ctx, login) {
    const [subject, ...groups] = String(login).split('+');
    const name = subject.charAt(0).toUpperCase() + subject.slice(1);
    return {
      accountId: login,
      async claims() {
        return { sub: subject, email: `${subject}@firm.test`, email_verified: true, name: `${name} Directory`, groups };
      },
    };
  },
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider server_error: ${error.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
