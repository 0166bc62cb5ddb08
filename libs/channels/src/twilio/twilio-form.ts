/** A Twilio webhook's form as read from its raw bytes: every field for the signature, one value each for the parsers. */
export interface TwilioForm {
  /** As Twilio signed it: a repeated field keeps every value. */
  signed: Record<string, string | string[]>;
  /** One value per field (the first), as the parsers read them. */
  params: Record<string, string>;
}

/** application/x-www-form-urlencoded bytes → the form; the body is capped (64 KB) before this runs. */
export function parseTwilioForm(body: Buffer): TwilioForm {
  const signed: Record<string, string | string[]> = {};
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    const seen = signed[key];
    if (seen === undefined) {
      signed[key] = value;
      params[key] = value;
    } else {
      signed[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
  }
  return { signed, params };
}
