import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  ConflictError,
  fieldValueFor,
  InvalidInputError,
  type CustomFieldDefinition,
  type CustomFieldValue,
  type CustomFieldValues,
  type StaffPrincipal,
} from '@inbox/contracts';
import { CustomerRepository, queryRows, readCustomFields, requireVisibleCustomers } from '@inbox/cases';
import { CustomFieldsService } from './custom-fields.service';

/** One change of a customer's field, as the audit keeps it. */
export interface CustomerFieldChangeEntry {
  fieldId: string;
  label: string;
  from: CustomFieldValue | null;
  to: CustomFieldValue | null;
  actorName: string | null;
  at: string;
}

export interface CustomerFieldsView {
  /** The customer fields in use (archived ones only when this customer has a value for them). */
  fields: CustomFieldDefinition[];
  values: CustomFieldValues;
  history: CustomerFieldChangeEntry[];
}

/**
 * A customer's custom field values: read and changed by staff who may see the
 * customer (a case of theirs in one of the caller's teams). Every change is
 * kept in customer_field_changes, who and when, in the change's transaction.
 */
@Injectable()
export class CustomerFieldsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly definitions: CustomFieldsService,
    private readonly customers: CustomerRepository,
  ) {}

  async view(principal: StaffPrincipal, customerId: string): Promise<CustomerFieldsView> {
    await requireVisibleCustomers(this.db, principal, [customerId]);
    const [fields, valueRows, history] = await Promise.all([
      readCustomFields(this.db, 'customer', true),
      queryRows<{ field_id: string; value: CustomFieldValue }>(this.db, `SELECT field_id, value FROM customer_field_values WHERE customer_id = $1`, [customerId]),
      queryRows<{ field_id: string; label: string; from_value: CustomFieldValue | null; to_value: CustomFieldValue | null; actor_name: string | null; at: Date }>(
        this.db,
        `SELECT h.field_id, f.label, h.from_value, h.to_value, u.name AS actor_name, h.at
           FROM customer_field_changes h JOIN custom_fields f ON f.id = h.field_id LEFT JOIN users u ON u.id = h.actor_user_id
          WHERE h.customer_id = $1 ORDER BY h.at DESC, h.id DESC LIMIT 100`,
        [customerId],
      ),
    ]);
    const values: CustomFieldValues = Object.fromEntries(valueRows.map((r) => [r.field_id, r.value]));
    return {
      fields: fields.filter((f) => !f.archivedAt || values[f.id] !== undefined),
      values,
      history: history.map((h) => ({ fieldId: h.field_id, label: h.label, from: h.from_value, to: h.to_value, actorName: h.actor_name, at: h.at.toISOString() })),
    };
  }

  async set(principal: StaffPrincipal, customerId: string, fieldId: string, raw: unknown): Promise<CustomerFieldsView> {
    await requireVisibleCustomers(this.db, principal, [customerId]);
    const field = await this.customerField(fieldId);
    if (field.archivedAt) throw new ConflictError('field_archived', `${field.label} is archived: its values are kept but no longer changed`);
    return this.change(principal, customerId, field, fieldValueFor(field, raw));
  }

  async clear(principal: StaffPrincipal, customerId: string, fieldId: string): Promise<CustomerFieldsView> {
    await requireVisibleCustomers(this.db, principal, [customerId]);
    return this.change(principal, customerId, await this.customerField(fieldId), null);
  }

  private async customerField(fieldId: string): Promise<CustomFieldDefinition> {
    const field = await this.definitions.get(fieldId);
    if (field.appliesTo !== 'customer') throw new InvalidInputError('field_not_on_customers', `${field.label} is a case field`);
    return field;
  }

  private async change(principal: StaffPrincipal, customerId: string, field: CustomFieldDefinition, to: CustomFieldValue | null): Promise<CustomerFieldsView> {
    await requireVisibleCustomers(this.db, principal, [customerId]);
    await this.db.transaction(async (em) => {
      // One change of a customer's fields at a time, so each audit entry's `from` is what the change replaced.
      await this.customers.lockForUpdate(em, customerId);
      const [before] = await queryRows<{ value: CustomFieldValue }>(em, `SELECT value FROM customer_field_values WHERE customer_id = $1 AND field_id = $2`, [customerId, field.id]);
      const from = before?.value ?? null;
      if (from === to) throw new ConflictError('field_unchanged', to === null ? `${field.label} is not set for this customer` : `${field.label} is already ${String(to)}`);
      if (to === null) {
        await em.query(`DELETE FROM customer_field_values WHERE customer_id = $1 AND field_id = $2`, [customerId, field.id]);
      } else {
        await em.query(
          `INSERT INTO customer_field_values (customer_id, field_id, value, set_by) VALUES ($1, $2, $3::jsonb, $4)
           ON CONFLICT (customer_id, field_id) DO UPDATE SET value = EXCLUDED.value, set_by = EXCLUDED.set_by, set_at = now()`,
          [customerId, field.id, JSON.stringify(to), principal.userId],
        );
      }
      await em.query(`INSERT INTO customer_field_changes (customer_id, field_id, from_value, to_value, actor_user_id) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5)`, [
        customerId,
        field.id,
        from === null ? null : JSON.stringify(from),
        to === null ? null : JSON.stringify(to),
        principal.userId,
      ]);
    });
    return this.view(principal, customerId);
  }
}
