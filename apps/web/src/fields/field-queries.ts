import { useQuery } from '@tanstack/react-query';
import type { CustomFieldDefinition, CustomFieldTarget, CustomFieldValue } from '@inbox/contracts';
import type { ApiClient } from '../api-client';
import { formatFirmDateText } from '../firm-date-text';

export const fieldKeys = { all: ['custom-fields'] as const };

/** Every custom field, archived ones too (a value of an archived field is still shown, read-only). */
export function useCustomFields(api: ApiClient) {
  return useQuery({
    queryKey: fieldKeys.all,
    queryFn: async () => (await api.get<{ items: CustomFieldDefinition[] }>('/api/custom-fields?archived=true')).items,
    staleTime: 60_000,
  });
}

/**
 * The fields a form shows for a case or a customer: those in use, then archived
 * ones only where a value was set (kept for history, no longer changed).
 */
export function fieldsShown(all: readonly CustomFieldDefinition[], target: CustomFieldTarget, values: Record<string, CustomFieldValue> | undefined): CustomFieldDefinition[] {
  return all.filter((f) => f.appliesTo === target && (!f.archivedAt || values?.[f.id] !== undefined));
}

/** A value as the workspace shows it: dates the firm's way (DD/MM/YYYY), numbers as typed. */
export function displayFieldValue(field: Pick<CustomFieldDefinition, 'kind'>, value: CustomFieldValue | undefined): string {
  if (value === undefined) return '';
  if (field.kind === 'date' && typeof value === 'string') return formatFirmDateText(value);
  return String(value);
}
