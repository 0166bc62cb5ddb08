import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  ConflictError,
  FIELD_KEY_PATTERN,
  InvalidInputError,
  listOptions,
  MAX_FIELD_HELP_LENGTH,
  MAX_FIELD_LABEL_LENGTH,
  NotFoundError,
  type CustomFieldDefinition,
  type CustomFieldKind,
  type CustomFieldTarget,
} from '@inbox/contracts';
import { CUSTOM_FIELD_COLUMNS, queryRows, readCustomFields, toCustomField } from '@inbox/cases';

export interface NewCustomField {
  key: string;
  label: string;
  kind: CustomFieldKind;
  appliesTo: CustomFieldTarget;
  options?: string[];
  help?: string | null;
}

/** What an admin may change of a field: not its key, kind or target, which stored values and saved views rely on. */
export interface CustomFieldChange {
  label?: string;
  options?: string[];
  help?: string | null;
  archived?: boolean;
}

/**
 * The custom fields admins define on cases and customers. A field is archived,
 * never deleted: archived fields leave the forms, and their values stay in
 * the case history and the exports. A list field's options may be added to or
 * reworded; values already stored keep what they were.
 */
@Injectable()
export class CustomFieldsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(withArchived: boolean): Promise<CustomFieldDefinition[]> {
    return readCustomFields(this.db, null, withArchived);
  }

  async get(id: string): Promise<CustomFieldDefinition> {
    const [row] = await queryRows<Parameters<typeof toCustomField>[0]>(this.db, `SELECT ${CUSTOM_FIELD_COLUMNS} FROM custom_fields WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('field_not_found', 'No such field');
    return toCustomField(row);
  }

  async create(userId: string, input: NewCustomField): Promise<CustomFieldDefinition> {
    const key = input.key.trim();
    if (!FIELD_KEY_PATTERN.test(key)) {
      throw new InvalidInputError('invalid_field_key', 'A field key is lower-case letters, digits and underscores, starting with a letter (at most 40)');
    }
    const options = input.kind === 'list' ? listOptions(input.options ?? []) : [];
    const [row] = await queryRows<Parameters<typeof toCustomField>[0]>(
      this.db,
      `INSERT INTO custom_fields (key, label, kind, applies_to, options, help, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (key) DO NOTHING RETURNING ${CUSTOM_FIELD_COLUMNS}`,
      [key, label(input.label), input.kind, input.appliesTo, JSON.stringify(options), help(input.help), userId],
    );
    if (!row) throw new ConflictError('field_key_taken', `A field with the key “${key}” exists already (archived fields keep their keys)`);
    return toCustomField(row);
  }

  async update(id: string, change: CustomFieldChange): Promise<CustomFieldDefinition> {
    const field = await this.get(id);
    if (change.options !== undefined && field.kind !== 'list') throw new InvalidInputError('options_only_for_lists', `${field.label} is not a list field`);
    const [row] = await queryRows<Parameters<typeof toCustomField>[0]>(
      this.db,
      `UPDATE custom_fields SET label = $2, options = $3, help = $4,
              archived_at = CASE WHEN $5::boolean IS NULL THEN archived_at WHEN $5 THEN COALESCE(archived_at, now()) ELSE NULL END
        WHERE id = $1 RETURNING ${CUSTOM_FIELD_COLUMNS}`,
      [
        id,
        change.label !== undefined ? label(change.label) : field.label,
        JSON.stringify(change.options !== undefined ? listOptions(change.options) : field.options),
        change.help !== undefined ? help(change.help) : field.help,
        change.archived ?? null,
      ],
    );
    return toCustomField(row);
  }
}

function label(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) throw new InvalidInputError('field_label_empty', 'A field needs a label');
  if (text.length > MAX_FIELD_LABEL_LENGTH) throw new InvalidInputError('field_label_too_long', `A field label may have at most ${MAX_FIELD_LABEL_LENGTH} characters`);
  return text;
}

function help(raw: string | null | undefined): string | null {
  const text = raw?.trim() ?? '';
  if (text.length > MAX_FIELD_HELP_LENGTH) throw new InvalidInputError('field_help_too_long', `A field's help may have at most ${MAX_FIELD_HELP_LENGTH} characters`);
  return text || null;
}
