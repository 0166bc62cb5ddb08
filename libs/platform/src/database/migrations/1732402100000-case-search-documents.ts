import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One search document per case: the lexemes of all its messages' text (stored
 * as it is kept, so a value redacted on arrival was never there), under a GIN
 * index. Searching messages for a word in half of them built a bitmap of
 * millions of message rows and then a list of their cases (seconds at 1M
 * cases); the documents hold a case once, so the queue can be read in its own
 * order and stop at the page (docs/benchmark.md).
 *
 * Kept by triggers in the writing transaction, whoever writes: new messages
 * are appended per statement (one row per case per batch); a message whose text
 * or case changes (erasure, split, merge) or that is deleted makes its cases'
 * documents be rebuilt. Lexemes only (`strip`): the search matches words, not
 * phrases, and a document stays far from tsvector's 1 MB limit.
 */
export class CaseSearchDocuments1732402100000 implements MigrationInterface {
  name = 'CaseSearchDocuments1732402100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_search_documents (
        case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        document tsvector NOT NULL
      );

      CREATE FUNCTION case_search_rebuild(case_ids uuid[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO case_search_documents (case_id, document)
        SELECT c.id, COALESCE((SELECT strip(to_tsvector('simple', string_agg(m.text, ' '))) FROM messages m WHERE m.case_id = c.id), ''::tsvector)
          FROM cases c WHERE c.id = ANY(case_ids)
        ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document;
      $$;

      CREATE FUNCTION case_search_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO case_search_documents (case_id, document)
        SELECT n.case_id, strip(to_tsvector('simple', string_agg(n.text, ' '))) FROM new_messages n WHERE n.case_id IS NOT NULL GROUP BY n.case_id
        ON CONFLICT (case_id) DO UPDATE SET document = case_search_documents.document || EXCLUDED.document;
        RETURN NULL;
      END $$;

      CREATE FUNCTION case_search_message_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Placed on a case after it was stored (intake's placement): its words are added, nothing is taken away.
        IF OLD.case_id IS NULL AND OLD.text IS NOT DISTINCT FROM NEW.text THEN
          INSERT INTO case_search_documents (case_id, document) VALUES (NEW.case_id, strip(to_tsvector('simple', NEW.text)))
          ON CONFLICT (case_id) DO UPDATE SET document = case_search_documents.document || EXCLUDED.document;
        ELSE
          PERFORM case_search_rebuild(array_remove(ARRAY[OLD.case_id, NEW.case_id], NULL));
        END IF;
        RETURN NULL;
      END $$;

      CREATE FUNCTION case_search_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM case_search_rebuild(ARRAY(SELECT DISTINCT o.case_id FROM old_messages o WHERE o.case_id IS NOT NULL));
        RETURN NULL;
      END $$;

      CREATE TRIGGER case_search_messages_inserted AFTER INSERT ON messages
        REFERENCING NEW TABLE AS new_messages FOR EACH STATEMENT EXECUTE FUNCTION case_search_messages_inserted();
      -- Row by row, and only when the text or the case changed: delivery statuses and the like cost nothing.
      CREATE TRIGGER case_search_message_changed AFTER UPDATE OF text, case_id ON messages
        FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.case_id IS DISTINCT FROM NEW.case_id)
        EXECUTE FUNCTION case_search_message_changed();
      CREATE TRIGGER case_search_messages_deleted AFTER DELETE ON messages
        REFERENCING OLD TABLE AS old_messages FOR EACH STATEMENT EXECUTE FUNCTION case_search_messages_deleted();

      INSERT INTO case_search_documents (case_id, document)
      SELECT m.case_id, strip(to_tsvector('simple', string_agg(m.text, ' '))) FROM messages m WHERE m.case_id IS NOT NULL GROUP BY m.case_id;

      CREATE INDEX case_search_documents_gin ON case_search_documents USING gin (document);
      -- The queue's order over every status (a search without a status filter), so a common word's page is read in order.
      CREATE INDEX cases_list_order_idx ON cases (respond_by, priority, received_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX cases_list_order_idx;
      DROP TRIGGER case_search_messages_deleted ON messages;
      DROP TRIGGER case_search_message_changed ON messages;
      DROP TRIGGER case_search_messages_inserted ON messages;
      DROP FUNCTION case_search_messages_deleted();
      DROP FUNCTION case_search_message_changed();
      DROP FUNCTION case_search_messages_inserted();
      DROP FUNCTION case_search_rebuild(uuid[]);
      DROP TABLE case_search_documents;
    `);
  }
}
