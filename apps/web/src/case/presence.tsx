/** Who else is looking at or typing in this case; shown once the gateway reports presence. */
export function Presence(_: { caseId: string }) {
  return null;
}
