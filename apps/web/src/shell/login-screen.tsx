import { useState, type FormEvent } from 'react';
import { createApiClient, errorMessage } from '../api-client';
import { Icon } from './icons';

export function LoginScreen({ onSignedIn, notice }: { onSignedIn: (token: string) => void; notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { accessToken } = await createApiClient(null).post<{ accessToken: string }>('/api/auth/login', { email, password });
      onSignedIn(accessToken);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} aria-label="Sign in">
        <div className="login-brand">
          <span className="brand-mark"><Icon name="inbox" size={20} /></span>
          <div>
            <h1>Complaints inbox</h1>
            <p>Sign in to your workspace</p>
          </div>
        </div>
        {notice && !error && <div className="form-notice">{notice}</div>}
        <label>
          Email
          <input type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <div className="form-error" role="alert">{error}</div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
