/** How the compliance screens name ASIC's coded sources and half-years (the answers' types: libs/contracts/src/asic-idr.ts). */
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
