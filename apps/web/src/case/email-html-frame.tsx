import { useEffect, useMemo, useState } from 'react';
import type { SenderAuthentication } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';

interface MessageHtml {
  html: string;
  remoteImages: number;
  missingInlineImages: number;
}

/**
 * A customer's HTML mail, shown safely: the server sanitised it; here it sits
 * in a frame with no scripts and no origin (sandbox without allow-scripts or
 * allow-same-origin) under its own content security policy, which loads no
 * remote image until the agent allows it (a tracking pixel would tell the
 * sender the mail was read). Links open outside, in a new tab.
 */
export function EmailHtmlFrame({ messageId }: { messageId: string }) {
  const { api } = useWorkspace();
  const [content, setContent] = useState<MessageHtml | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [remoteAllowed, setRemoteAllowed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    api
      .get<MessageHtml>(`/api/messages/${messageId}/html`)
      .then((c) => !cancelled && setContent(c))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [api, messageId]);
  const document = useMemo(() => (content ? frameDocument(content.html, remoteAllowed) : ''), [content, remoteAllowed]);
  if (error) return <p className="form-error small">{error}</p>;
  if (!content) return <p className="muted small">Loading the formatted mail…</p>;
  return (
    <div className="email-html" data-testid="email-html">
      {content.remoteImages > 0 && !remoteAllowed && (
        <div className="email-html-bar">
          <span>{content.remoteImages === 1 ? '1 remote image is' : `${content.remoteImages} remote images are`} blocked, so the sender cannot see that you read this.</span>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setRemoteAllowed(true)} data-testid="show-remote-images">
            Show remote images
          </button>
        </div>
      )}
      <iframe title="The customer’s formatted email" sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={document} data-remote-images={remoteAllowed ? 'shown' : 'blocked'} />
    </div>
  );
}

/** The frame's document: the sanitised mail under a policy that allows inline pictures, and remote ones only when asked. */
function frameDocument(html: string, remoteImages: boolean): string {
  const images = remoteImages ? "data: https:" : 'data:';
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:">`,
    '<base target="_blank">',
    '<style>body{margin:8px;font:14px/1.45 system-ui,sans-serif;color:#1b2330;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}</style>',
    `</head><body>${html}</body></html>`,
  ].join('');
}

const RESULT_WORDS: Record<string, string> = { pass: 'passed', fail: 'failed', softfail: 'soft-failed', neutral: 'neutral', none: 'not checked', temperror: 'could not be checked', permerror: 'broken record', policy: 'policy' };

/** Who really sent the mail: verified, not verified (DMARC failed), or unknown, with the checks in the tooltip. */
export function SenderCheck({ auth }: { auth: SenderAuthentication }) {
  const detail = `SPF ${RESULT_WORDS[auth.spf] ?? auth.spf} · DKIM ${RESULT_WORDS[auth.dkim] ?? auth.dkim}${auth.dkimDomains?.length ? ` (${auth.dkimDomains.join(', ')})` : ''} · DMARC ${RESULT_WORDS[auth.dmarc] ?? auth.dmarc}${auth.policy ? `, policy ${auth.policy}` : ''} — checked by ${auth.checkedBy}`;
  if (auth.dmarc === 'fail') {
    return (
      <span className="chip chip-bad" title={detail} data-testid="sender-check" data-result="fail">
        Sender not verified — DMARC failed for {auth.fromDomain}
      </span>
    );
  }
  if (auth.dmarc === 'pass') {
    return (
      <span className="chip chip-ok" title={detail} data-testid="sender-check" data-result="pass">
        Sender verified ({auth.fromDomain})
      </span>
    );
  }
  return (
    <span className="chip" title={detail} data-testid="sender-check" data-result={auth.dmarc}>
      Sender unproven: {auth.dmarc === 'none' ? `${auth.fromDomain} has no DMARC policy` : 'checks could not run'}
    </span>
  );
}
