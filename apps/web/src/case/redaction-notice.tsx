import { describeRedaction, type Redaction, type RedactionPlace } from '@inbox/contracts';

const PLACES: Record<RedactionPlace, string> = {
  text: 'message',
  subject: 'subject',
  html: 'formatted mail',
  attachment_name: 'file name',
  sender_name: 'sender name',
  provider_payload: 'provider record',
};

/** "Card number removed (message, subject)": what the inbox took out on arrival; the values were never stored. */
export function RedactionNotice({ redactions }: { redactions: Redaction[] }) {
  const byWhat = new Map<string, Set<string>>();
  for (const r of redactions) {
    const what = describeRedaction(r);
    const places = byWhat.get(what) ?? new Set<string>();
    if (r.where !== 'provider_payload') places.add(PLACES[r.where]);
    byWhat.set(what, places);
  }
  return (
    <div className="msg-redactions" data-testid="redactions" role="note">
      {[...byWhat].map(([what, places]) => (
        <span key={what} className="chip chip-redaction" title="Removed when the message arrived: the full value was never stored">
          {what[0]!.toUpperCase() + what.slice(1)}
          {places.size ? ` (${[...places].join(', ')})` : ''}
        </span>
      ))}
    </div>
  );
}
