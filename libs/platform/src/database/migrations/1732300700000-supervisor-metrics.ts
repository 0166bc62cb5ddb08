import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live channel volumes for supervisors: inbound messages per channel per
 * minute, counted by the database itself as each message row is inserted.
 *
 * Why a trigger on `messages` rather than a bus consumer or an in-memory
 * counter: the count commits in the same transaction as the message, so it is
 * exactly once whatever path stored the message (intake, status requests, any
 * channel added later), whichever triage instance did it, and a redelivered
 * message (ON CONFLICT DO NOTHING inserts no row) is not counted again — an
 * event consumer would count redelivered events twice. The trigger is per
 * statement over the inserted rows, so a batch insert costs one upsert per
 * channel. Rows are keyed by the writing connection (`shard` = backend pid):
 * concurrent triage transactions never wait on each other's counter row, and
 * gateways read the sum, which stays small (minutes × channels × connections).
 */
export class SupervisorMetrics1732300700000 implements MigrationInterface {
  name = 'SupervisorMetrics1732300700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_volume_minutes (
        channel text NOT NULL,
        minute timestamptz NOT NULL,
        shard integer NOT NULL,
        count integer NOT NULL CHECK (count >= 0),
        PRIMARY KEY (minute, channel, shard)
      );

      CREATE FUNCTION count_inbound_volume() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO channel_volume_minutes AS v (channel, minute, shard, count)
        SELECT channel, date_trunc('minute', created_at), pg_backend_pid(), count(*)
          FROM inserted_messages WHERE direction = 'inbound'
         GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (minute, channel, shard) DO UPDATE SET count = v.count + EXCLUDED.count;
        RETURN NULL;
      END;
      $$;
      CREATE TRIGGER messages_count_inbound_volume AFTER INSERT ON messages
        REFERENCING NEW TABLE AS inserted_messages FOR EACH STATEMENT EXECUTE FUNCTION count_inbound_volume();

      -- Messages stored before this migration: counted once, so today's totals are right after an upgrade.
      INSERT INTO channel_volume_minutes (channel, minute, shard, count)
      SELECT channel, date_trunc('minute', created_at), 0, count(*) FROM messages
       WHERE direction = 'inbound' AND created_at > now() - interval '2 days' GROUP BY 1, 2;

      -- Each agent's replies in the last hour, on the live dashboard.
      CREATE INDEX messages_author_recent_idx ON messages (author_user_id, created_at) WHERE author_user_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX messages_author_recent_idx;
      DROP TRIGGER messages_count_inbound_volume ON messages;
      DROP FUNCTION count_inbound_volume();
      DROP TABLE channel_volume_minutes;
    `);
  }
}
