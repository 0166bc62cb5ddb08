/** The values a canned response may name, as `{{customer.name}}`. */
export interface PlaceholderValues {
  'customer.name': string;
  'customer.firstName': string;
  'case.reference': string;
  'agent.name': string;
}

export const PLACEHOLDERS: ReadonlyArray<keyof PlaceholderValues> = ['customer.name', 'customer.firstName', 'case.reference', 'agent.name'];

const PATTERN = /\{\{\s*([\w.]+)\s*\}\}/g;

/** Placeholders in a template that we do not know, so a typo is refused when the template is saved. */
export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PATTERN)].map((m) => m[1]);
  return [...new Set(names.filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n)))];
}

/** Fills the placeholders; a customer without a known name is addressed neutrally. */
export function renderTemplate(template: string, values: PlaceholderValues): string {
  return template.replace(PATTERN, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as keyof PlaceholderValues] : whole,
  );
}

export function placeholderValues(input: { customerName: string | null; caseReference: string; agentName: string }): PlaceholderValues {
  const name = input.customerName?.trim() || 'customer';
  return {
    'customer.name': name,
    'customer.firstName': input.customerName?.trim() ? name.split(/\s+/)[0] : name,
    'case.reference': input.caseReference,
    'agent.name': input.agentName,
  };
}
