/**
 * Hands `records` to `attemptAll`; when that throws, splits them in halves and
 * tries each half the same way, in order, down to single records, which go to
 * `single` (the per-record retry and dead-letter rules). One poison record in
 * a batch of n costs about 2·log2(n) failed attempts, and every other record
 * is still handled, in its original order. Returns false as soon as `single`
 * says a record was abandoned (the bus is stopping): what follows it is left
 * unhandled, for redelivery.
 */
export async function handleSplittingOnFailure<R>(
  records: readonly R[],
  attemptAll: (records: readonly R[]) => Promise<void>,
  single: (record: R) => Promise<boolean>,
): Promise<boolean> {
  if (records.length === 0) return true;
  if (records.length === 1) return single(records[0]);
  try {
    await attemptAll(records);
    return true;
  } catch {
    const middle = Math.ceil(records.length / 2);
    if (!(await handleSplittingOnFailure(records.slice(0, middle), attemptAll, single))) return false;
    return handleSplittingOnFailure(records.slice(middle), attemptAll, single);
  }
}
