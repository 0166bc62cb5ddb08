import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Channel } from '@inbox/contracts';
import { queryRows } from '../sql-rows';
import type { SqlClient } from './sql-client';

export interface CustomerRow {
  id: string;
  display_name: string | null;
  last_channel: Channel | null;
  /** Set once a merge folded this customer into another (the survivor). */
  merged_into_id: string | null;
  created_at: Date;
}

/** One of a customer's addresses on a channel. */
export interface IdentityRow {
  id: string;
  customer_id: string;
  channel: Channel;
  address: string;
  display_name: string | null;
  created_at: Date;
}

const CUSTOMER_COLUMNS = 'id, display_name, last_channel, merged_into_id, created_at';
const IDENTITY_COLUMNS = 'id, customer_id, channel, address, display_name, created_at';

/**
 * The `customers` rows and their `identities`: reads, the row lock that serialises changes to one
 * customer, and the erasure of their name. No rules: who may see or change a customer the callers
 * decide. Intake makes, links and merges customers on its own path (libs/intake).
 */
@Injectable()
export class CustomerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Locks the customer row until the caller's transaction ends; undefined when there is no such customer. */
  async lockForUpdate(em: SqlClient, customerId: string): Promise<CustomerRow | undefined> {
    const [row] = await queryRows<CustomerRow>(em, `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
    return row;
  }

  async findById(customerId: string, client: SqlClient = this.db): Promise<CustomerRow | undefined> {
    const [row] = await queryRows<CustomerRow>(client, `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1`, [customerId]);
    return row;
  }

  /** The customer and everyone merged into them, at any depth: one person's records, wherever a merge put them. */
  async withMerged(customerId: string, client: SqlClient = this.db): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      client,
      `WITH RECURSIVE tree(id) AS (SELECT $1::uuid UNION SELECT c.id FROM customers c JOIN tree t ON c.merged_into_id = t.id) SELECT id FROM tree`,
      [customerId],
    );
    return rows.map((r) => r.id);
  }

  /** The identities of these customers, oldest first. */
  async identitiesOf(customerIds: readonly string[], client: SqlClient = this.db): Promise<IdentityRow[]> {
    return queryRows<IdentityRow>(client, `SELECT ${IDENTITY_COLUMNS} FROM identities WHERE customer_id = ANY($1::uuid[]) ORDER BY created_at`, [customerIds]);
  }

  /** The customer's identity with this id; undefined when it is another customer's or none. */
  async identityOf(customerId: string, identityId: string, client: SqlClient = this.db): Promise<IdentityRow | undefined> {
    const [row] = await queryRows<IdentityRow>(client, `SELECT ${IDENTITY_COLUMNS} FROM identities WHERE customer_id = $1 AND id = $2`, [customerId, identityId]);
    return row;
  }

  /** Replaces each address not yet erased with `erased:<identity id>` and forgets its name; how many it changed. */
  async pseudonymiseIdentities(em: SqlClient, customerIds: readonly string[]): Promise<number> {
    const rows = await queryRows(
      em,
      `UPDATE identities SET address = 'erased:' || id::text, display_name = NULL WHERE customer_id = ANY($1::uuid[]) AND address NOT LIKE 'erased:%' RETURNING id`,
      [customerIds],
    );
    return rows.length;
  }

  /** Forgets the customers' names. */
  async eraseNames(em: SqlClient, customerIds: readonly string[]): Promise<void> {
    await em.query(`UPDATE customers SET display_name = NULL, updated_at = now() WHERE id = ANY($1::uuid[])`, [customerIds]);
  }
}
