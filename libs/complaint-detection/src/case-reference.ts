// Case references ("C-000123"): how customers and agents name a case in text.

/** The reference of the case with this sequence number. */
export function formatCaseReference(sequence: number): string {
  return `C-${String(sequence).padStart(6, '0')}`;
}

const REFERENCE_PATTERN = /\bC-(\d{6,})\b/i;

/** Finds a case reference such as "C-000123" the customer wrote. */
export function findCaseReference(text: string | undefined): string | undefined {
  const match = text ? REFERENCE_PATTERN.exec(text) : null;
  return match ? `C-${match[1]}` : undefined;
}
