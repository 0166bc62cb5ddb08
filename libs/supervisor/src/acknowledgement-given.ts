/** Provider statuses that mean our message never reached the customer (Twilio's and the email bounce's words). */
export const UNDELIVERED_STATUSES = ['failed', 'undelivered'];

/**
 * When a complaint counts as acknowledged, in SQL over `cases c`, `case_compliance cc` and the automatic
 * acknowledgement `messages am` (joined on cc.acknowledgement_message_id): one marked by an agent when marked;
 * an automatic one only once the provider took it (it has the provider's id) and did not report it undelivered.
 * `undelivered` is the placeholder of a text[] parameter holding UNDELIVERED_STATUSES.
 */
export function acknowledgementGivenSql(undelivered: string): string {
  return `CASE WHEN cc.acknowledgement_message_id IS NULL THEN c.acknowledged_at
               WHEN am.external_id IS NOT NULL AND COALESCE(am.delivery_status, '') <> ALL(${undelivered}::text[]) THEN c.acknowledged_at
          END`;
}
