/** What the ASIC IDR endpoints answer (libs/complaint-handling/src/asic-idr-export.service.ts). */
export interface DictionarySummary {
  version: string;
  label: string;
  verified: boolean;
  appliesFrom: string;
  shipped: boolean;
  warning: string | null;
  columns: number;
  codeTables: number;
  loadedAt: string;
}

export interface DictionaryDetail {
  version: string;
  label: string;
  verified: boolean;
  warning: string | null;
  appliesFrom: string;
  sources: Array<{ source: string; codeTable: string; codes: Array<{ code: string; label: string }>; values: Array<{ value: string; code: string | null }> }>;
  unmapped: Array<{ source: string; value: string }>;
}

export type Fix = { kind: 'case'; caseId: string } | { kind: 'mapping'; source: string; value: string } | { kind: 'settings'; setting: string };

export interface Validation {
  period: { from: string; to: string };
  dictionary: { version: string; label: string; verified: boolean };
  complaints: number;
  nilReturn: boolean;
  valid: boolean;
  failures: Array<{ reference: string; caseId: string; column: string; problem: string; fix: Fix }>;
  unmapped: Array<{ source: string; value: string; complaints: number }>;
  excluded: Array<{ reference: string; why: string }>;
}

/** How the screens name each coded source. */
export const SOURCE_LABELS: Record<string, string> = {
  complaint_type: 'Complaint type',
  status: 'Status',
  channel: 'Channel',
  about_representative: 'About a representative',
  products: 'Products',
  issues: 'Issues',
  outcome: 'Outcome',
  remedies: 'Remedies',
  gender: 'Gender',
};

/** ASIC's half-years, newest first, from the current one back. */
export function recentHalfYears(today: Date, count = 6): Array<{ from: string; to: string; label: string }> {
  const out: Array<{ from: string; to: string; label: string }> = [];
  let year = today.getFullYear();
  let half = today.getMonth() < 6 ? 1 : 2;
  for (let i = 0; i < count; i++) {
    out.push(half === 1 ? { from: `${year}-01-01`, to: `${year}-06-30`, label: `Jan–Jun ${year}` } : { from: `${year}-07-01`, to: `${year}-12-31`, label: `Jul–Dec ${year}` });
    if (half === 1) {
      half = 2;
      year -= 1;
    } else half = 1;
  }
  return out;
}
