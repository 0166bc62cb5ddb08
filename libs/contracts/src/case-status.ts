/** Every status a case can have, in the order a case usually moves through them. */
export const CASE_STATUSES = ['new', 'open', 'pending', 'escalated', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The statuses in which a case is still being worked: the live queue shows these, and new messages join them. */
export const OPEN_CASE_STATUSES = ['new', 'open', 'pending', 'escalated'] as const satisfies readonly CaseStatus[];
export type OpenCaseStatus = (typeof OPEN_CASE_STATUSES)[number];

export function isOpenCaseStatus(status: string): status is OpenCaseStatus {
  return (OPEN_CASE_STATUSES as readonly string[]).includes(status);
}
