/** What the login page says when single sign-on comes back with `?sign_in_error=<code>` (codes from the server's OIDC routes). */
const MESSAGES: Record<string, string> = {
  sso_provider_unavailable: 'Your organisation’s sign-in service cannot be reached right now. Try again in a few minutes; if it keeps happening, tell IT.',
  sso_state_mismatch: 'That sign-in could not be verified (it did not match the one this browser started). Please start again.',
  sso_nonce_mismatch: 'That sign-in could not be verified. Please start again.',
  sso_code_rejected: 'Your organisation’s sign-in service refused that sign-in (it was already used or took too long). Please start again.',
  sso_id_token_expired: 'Your organisation’s sign-in service sent an expired sign-in — its clock may be wrong. Please start again; if it keeps happening, tell IT.',
  sso_sign_in_expired: 'That sign-in took too long or was started in another browser. Please start again.',
  sso_no_role: 'Your directory groups do not give you access to the complaints inbox. Ask IT to add you to the right group.',
  sso_no_email: 'Your organisation’s sign-in service did not say who you are (no email). Ask IT to release the email claim to the inbox.',
  account_disabled: 'Your account in the inbox is disabled. Ask an admin.',
  email_taken: 'Another inbox account already uses your email address. Ask an admin.',
  sso_not_configured: 'Single sign-on is not set up on this inbox.',
};

export function signInErrorMessage(code: string): string {
  return MESSAGES[code] ?? 'Single sign-on did not complete. Please start again.';
}
