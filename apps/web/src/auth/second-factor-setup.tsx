import { useState } from 'react';

export interface Enrolment {
  secret: string;
  otpauthUrl: string;
  qrCode: string;
}

/** The QR code to scan (or the secret to type) in an authenticator app. */
export function EnrolmentCode({ enrolment }: { enrolment: Enrolment }) {
  const [showSecret, setShowSecret] = useState(false);
  return (
    <div className="totp-enrol">
      <img src={enrolment.qrCode} width={180} height={180} alt="QR code for your authenticator app" data-testid="totp-qr" />
      <div className="totp-enrol-text">
        <p>Scan this with an authenticator app (Microsoft Authenticator, Google Authenticator, 1Password…), then enter the 6-digit code it shows.</p>
        {showSecret ? (
          <p>
            Key: <code className="totp-secret" data-testid="totp-secret">{enrolment.secret}</code>
          </p>
        ) : (
          <button type="button" className="btn-link" onClick={() => setShowSecret(true)}>Can’t scan? Show the key to type in</button>
        )}
      </div>
    </div>
  );
}

/** The ten recovery codes, shown once: each signs in once when the phone is lost. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="recovery-codes" aria-label="Recovery codes">
      <p>
        <strong>Save these recovery codes now.</strong> Each one works once instead of a code from your app. They will not be shown again.
      </p>
      <ol data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}><code>{c}</code></li>
        ))}
      </ol>
      <button type="button" className="btn btn-primary btn-block" onClick={onDone}>I have saved them</button>
    </div>
  );
}
