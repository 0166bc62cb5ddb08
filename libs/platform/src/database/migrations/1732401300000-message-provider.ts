import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service each message came in or went out through (twilio, meta,
 * telegram, webchat, email), so a reply goes out by the provider its
 * conversation came in by: one channel can have two (WhatsApp through Meta or
 * through Twilio). Null where the channel has one provider only and the row is
 * older than this column; WhatsApp rows are filled in from their stored
 * payload (Twilio's form carries an AccountSid, Meta's does not).
 */
export class MessageProvider1732401300000 implements MigrationInterface {
  name = 'MessageProvider1732401300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN provider text`);
    await q.query(`
      UPDATE messages SET provider = CASE WHEN jsonb_typeof(raw) = 'object' AND raw ? 'AccountSid' THEN 'twilio' ELSE 'meta' END
       WHERE channel = 'whatsapp' AND direction = 'inbound'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP COLUMN provider`);
  }
}
