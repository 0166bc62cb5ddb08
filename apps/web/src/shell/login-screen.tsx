import '../auth/auth.css';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, createApiClient, errorMessage } from '../api-client';
import { EnrolmentCode, RecoveryCodes, type Enrolment } from '../auth/second-factor-setup';
import { Icon } from './icons';

interface SignInOptions {
  passwordLogin: boolean;
  sso: { displayName: string; startUrl: string } | null;
}

type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'enrol'; enrolment: Enrolment } | { kind: 'recovery-codes'; codes: string[] };

/**
 * Sign in: "Sign in with <provider>" when single sign-on is set up, and the
 * password form (with PASSWORD_LOGIN=off only for the break-glass admin, so
 * folded away). A password account with two factors then asks for the code;
 * one that must set it up scans a QR code here and gets its recovery codes.
 * The session itself lands in an HttpOnly cookie this page never sees.
 */
export function LoginScreen({ onSignedIn, notice, initialError }: { onSignedIn: () => void; notice?: string; initialError?: string }) {
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError ?? null);
  const api = createApiClient(false);

  useEffect(() => {
    api
      .get<SignInOptions>('/api/auth/options')
      .then(setOptions)
      .catch(() => setOptions({ passwordLogin: true, sso: null }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ recoveryCodes?: string[] }>('/api/auth/session', { email, password, ...(step.kind === 'password' ? {} : { code }) });
      if (answer.recoveryCodes) setStep({ kind: 'recovery-codes', codes: answer.recoveryCodes });
      else onSignedIn();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'second_factor_required') {
        setStep({ kind: 'code' });
      } else if (e instanceof ApiError && e.code === 'second_factor_enrolment_required') {
        try {
          setStep({ kind: 'enrol', enrolment: await api.post<Enrolment>('/api/auth/sign-in/second-factor', { email, password }) });
        } catch (inner) {
          setError(errorMessage(inner));
        }
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }

  const passwordForm = (
    <>
      <label>
        Email
        <input type="email" name="email" autoComplete="username" required autoFocus={!options?.sso} value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
    </>
  );
  const codeField = (
    <label>
      {step.kind === 'code' ? 'Authentication code' : 'Code from the app'}
      <input
        name="code"
        inputMode={step.kind === 'code' ? 'text' : 'numeric'}
        autoComplete="one-time-code"
        required
        autoFocus
        maxLength={20}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder={step.kind === 'code' ? '6 digits, or a recovery code' : '6 digits'}
      />
    </label>
  );

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} aria-label="Sign in">
        <div className="login-brand">
          <span className="brand-mark"><Icon name="inbox" size={20} /></span>
          <div>
            <h1>Complaints inbox</h1>
            <p>{step.kind === 'password' ? 'Sign in to your workspace' : step.kind === 'recovery-codes' ? 'Two-factor sign-in is on' : 'Two-factor sign-in'}</p>
          </div>
        </div>
        {notice && !error && <div className="form-notice">{notice}</div>}
        {step.kind === 'recovery-codes' ? (
          <RecoveryCodes codes={step.codes} onDone={onSignedIn} />
        ) : step.kind === 'code' ? (
          <>
            <p className="login-hint">Enter the code from your authenticator app for {email}. Lost your phone? Use one of your recovery codes.</p>
            {codeField}
            <div className="form-error" role="alert">{error}</div>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>{busy ? 'Checking…' : 'Verify'}</button>
          </>
        ) : step.kind === 'enrol' ? (
          <>
            <p className="login-hint">Your organisation requires a second factor. Set it up once, now.</p>
            <EnrolmentCode enrolment={step.enrolment} />
            {codeField}
            <div className="form-error" role="alert">{error}</div>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>{busy ? 'Checking…' : 'Turn on and sign in'}</button>
          </>
        ) : (
          <>
            {options?.sso && (
              <a className="btn btn-primary btn-block btn-sso" href={options.sso.startUrl} data-testid="sso-button">
                <Icon name="lock" size={16} /> Sign in with {options.sso.displayName}
              </a>
            )}
            {options?.sso && !options.passwordLogin ? (
              <>
                {error && <div className="form-error" role="alert">{error}</div>}
                <details className="break-glass">
                  <summary>Emergency admin sign-in</summary>
                  {passwordForm}
                  <button type="submit" className="btn btn-block" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
                </details>
              </>
            ) : (
              <>
                {options?.sso && <div className="login-divider"><span>or with a password</span></div>}
                {passwordForm}
                <div className="form-error" role="alert">{error}</div>
                <button type="submit" className={`btn btn-block${options?.sso ? '' : ' btn-primary'}`} disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
              </>
            )}
          </>
        )}
      </form>
    </div>
  );
}
