import twilio from 'twilio';

/** Form fields as a body parser delivers them; Twilio signs repeated fields too. */
export type TwilioWebhookParams = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface TwilioSignatureInput {
  authToken: string;
  /** Our public base URL as configured in Twilio (e.g. https://inbox.example.com), never the request's Host. */
  publicUrl: string;
  /** The path as requested, with its original query string, e.g. Express `req.originalUrl`. */
  path: string;
  /** The POSTed form fields (an empty object for GET webhooks). */
  params: TwilioWebhookParams;
  /** The `X-Twilio-Signature` header as received; a repeated header is refused. */
  signature: string | readonly string[] | undefined;
}

/**
 * True when `X-Twilio-Signature` proves the request came from Twilio. We rebuild
 * the URL Twilio signed from our configured public URL, because the Host and
 * scheme a proxy forwards can be forged or rewritten. `twilio.webhook()` is not
 * used: it ignores the token it is given and reads the environment.
 */
export function verifyTwilioSignature(input: TwilioSignatureInput): boolean {
  const { authToken, signature } = input;
  if (typeof signature !== 'string' || signature === '' || authToken === '') return false;
  const url = twilioSignedUrl(input.publicUrl, input.path);
  try {
    return twilio.validateRequest(authToken, signature, url, definedParams(input.params));
  } catch {
    // validateRequest re-parses the URL with `new URL()`, which throws on a malformed one.
    return false;
  }
}

/** publicUrl + path (+ query), joined with exactly one slash. */
export function twilioSignedUrl(publicUrl: string, path: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

function definedParams(params: TwilioWebhookParams): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value;
  return out;
}
