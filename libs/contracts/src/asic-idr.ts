/**
 * What the ASIC IDR endpoints answer (libs/gateway/src/compliance/asic-idr.controller.ts),
 * shared by the server and the compliance screens.
 */

/** A loaded data dictionary, as listed. */
export interface AsicDictionarySummary {
  version: string;
  label: string;
  verified: boolean;
  appliesFrom: string;
  shipped: boolean;
  /** Shown wherever an unverified dictionary is used: its codes are not ASIC's confirmed ones. */
  warning: string | null;
  columns: number;
  codeTables: number;
  loadedBy: string | null;
  loadedAt: string;
}

/** One dictionary's coded sources: ASIC's codes, and the code each inbox value maps to (null: not mapped yet). */
export interface AsicDictionaryDetail {
  version: string;
  label: string;
  verified: boolean;
  warning: string | null;
  appliesFrom: string;
  shipped: boolean;
  sources: Array<{ source: string; codeTable: string; codes: Array<{ code: string; label: string }>; values: Array<{ value: string; code: string | null }> }>;
  unmapped: Array<{ source: string; value: string }>;
}

/** Where a failure is fixed: on the case, in the mapping, or in the settings. */
export type AsicFix = { kind: 'case'; caseId: string } | { kind: 'mapping'; source: string; value: string } | { kind: 'settings'; setting: string };

/** The half-year's file as ASIC's validation would see it: each failing complaint and where to fix it. */
export interface AsicValidation {
  period: { from: string; to: string };
  dictionary: { version: string; label: string; verified: boolean };
  complaints: number;
  /** No complaint to report: ASIC takes a nil submission in the portal instead of a file. */
  nilReturn: boolean;
  valid: boolean;
  failures: Array<{ reference: string; caseId: string; column: string; problem: string; fix: AsicFix }>;
  unmapped: Array<{ source: string; value: string; complaints: number }>;
  /** Complaints left out, and why (failed RG 271.32(a) tests). */
  excluded: Array<{ reference: string; why: string }>;
}
