import { ComplianceRecordRepository, type ComplianceAlertColumn } from '@inbox/cases';
import { secondLockWaits } from '../support/row-locks';
import { useRepositoryContext } from '../support/repository-context';
import { caseFromMessage, complaintMessage } from '../support/builders';

/** ComplianceRecordRepository (libs/cases/src/repositories) on a migrated database: what each method writes and returns. */
describe('ComplianceRecordRepository', () => {
  const { ctx, query, repository, inTransaction, intake } = useRepositoryContext(ComplianceRecordRepository);
  let phone = 61_479_000_000;
  const newComplaint = async () => caseFromMessage(intake(), query, complaintMessage({ sender: { address: `+${++phone}` } }));
  const record = async (caseId: string) => (await query<Record<string, unknown>>(`SELECT * FROM case_compliance WHERE case_id = $1`, [caseId]))[0];
  const lockWithCase = (caseId: string) => inTransaction((em) => repository().lockWithCase(em, caseId));
  const at = (iso: string) => new Date(iso);

  it('reads the locked complaint with its compliance facts', async () => {
    const { case: c } = await newComplaint();
    const locked = await lockWithCase(c.id);
    expect(locked).toMatchObject({
      id: c.id,
      reference: c.reference,
      status: c.status,
      kind: 'complaint',
      channel: 'sms',
      customer_id: c.customer_id,
      complaint_type: 'standard',
      received_at: c.received_at,
      respond_by: c.respond_by,
      hardship_agreement_at: null,
      idr_response_at: null,
    });
  });

  it('holds the case row: a second transaction waits for the first to commit, then reads what it wrote', async () => {
    const { caseId } = await newComplaint();
    const { order, secondSaw } = await secondLockWaits(
      ctx.current.dataSource,
      query,
      (em) => repository().lockWithCase(em, caseId),
      (em) => repository().recordHardshipInformationRequested(em, caseId, at('2026-03-02T00:00:00.000Z')),
    );
    expect(order).toEqual(['first commits', 'second holds the lock']);
    expect(secondSaw).toMatchObject({ hardship_information_requested_at: at('2026-03-02T00:00:00.000Z') });
  });

  it('records the complaint details, keeping a stored value where a detail is not given', async () => {
    const { caseId } = await newComplaint();
    await inTransaction((em) => repository().recordComplaintDetails(em, caseId, { writtenResponseRequested: true, products: ['credit card'] }));
    expect(await record(caseId)).toMatchObject({ written_response_requested: true, declined_insurance_claim: false, about_representative: false, products: ['credit card'] });

    await inTransaction((em) => repository().recordComplaintDetails(em, caseId, { deathBenefitNoticeAt: at('2026-03-01T00:00:00.000Z'), issues: ['fees'] }));
    expect(await record(caseId)).toMatchObject({ written_response_requested: true, products: ['credit card'], issues: ['fees'], death_benefit_notice_at: at('2026-03-01T00:00:00.000Z') });
    expect(await lockWithCase(caseId)).toMatchObject({ written_response_requested: true, death_benefit_notice_at: at('2026-03-01T00:00:00.000Z') });
  });

  it('makes and locks the record for an alert, stamps each alert column, and refuses any other column', async () => {
    const { caseId } = await newComplaint();
    const stamps = await inTransaction((em) => repository().lockAlerts(em, caseId));
    expect(stamps).toEqual({ at_risk_at: null, delay_prompted_at: null, breached_at: null, acknowledgement_overdue_at: null, hardship_agreement_overdue_at: null });

    await inTransaction((em) => repository().stampAlert(em, caseId, 'breached_at', at('2026-04-01T00:00:00.000Z')));
    await expect(inTransaction((em) => repository().lockAlerts(em, caseId))).resolves.toMatchObject({ breached_at: at('2026-04-01T00:00:00.000Z'), at_risk_at: null });
    await expect(inTransaction((em) => repository().stampAlert(em, caseId, 'status_secret_hash' as ComplianceAlertColumn, new Date()))).rejects.toThrow(/Not an alert column/);
  });

  it('records the hardship steps, and lists agreements waiting for confirmation until one is confirmed', async () => {
    const { caseId, messageId } = await newComplaint();
    await inTransaction((em) => repository().recordHardshipInformationRequested(em, caseId, at('2026-03-02T00:00:00.000Z')));
    await inTransaction((em) => repository().recordHardshipInformationReceived(em, caseId, at('2026-03-05T00:00:00.000Z')));
    expect(await lockWithCase(caseId)).toMatchObject({
      hardship_information_requested_at: at('2026-03-02T00:00:00.000Z'),
      hardship_information_received_at: at('2026-03-05T00:00:00.000Z'),
    });

    const confirmBy = at('2000-01-31T00:00:00.000Z');
    await inTransaction((em) => repository().recordHardshipAgreement(em, caseId, { at: at('2000-01-01T00:00:00.000Z'), terms: 'Three months without interest', confirmBy }));
    expect(await lockWithCase(caseId)).toMatchObject({ hardship_agreement_at: at('2000-01-01T00:00:00.000Z'), hardship_agreement_terms: 'Three months without interest' });
    const due = async () => (await repository().unconfirmedHardshipAgreementsDueBefore(at('2000-02-01T00:00:00.000Z'), 100)).filter((r) => r.case_id === caseId);
    expect(await due()).toEqual([{ case_id: caseId, hardship_agreement_confirm_by: confirmBy }]);
    await expect(repository().unconfirmedHardshipAgreementsDueBefore(confirmBy, 100)).resolves.not.toContainEqual(expect.objectContaining({ case_id: caseId }));

    await inTransaction((em) => repository().recordHardshipAgreementConfirmed(em, caseId, at('2000-01-10T00:00:00.000Z'), messageId));
    expect(await record(caseId)).toMatchObject({ hardship_agreement_confirmed_at: at('2000-01-10T00:00:00.000Z'), hardship_agreement_message_id: messageId });
    expect(await due()).toEqual([]);

    // A new agreement starts its confirmation again.
    await inTransaction((em) => repository().recordHardshipAgreement(em, caseId, { at: at('2000-01-15T00:00:00.000Z'), terms: 'Six months', confirmBy }));
    expect(await record(caseId)).toMatchObject({ hardship_agreement_terms: 'Six months', hardship_agreement_confirmed_at: null, hardship_agreement_message_id: null });
    expect(await due()).toHaveLength(1);
  });

  it('records the final response without losing one already recorded, and the delay notice', async () => {
    const { caseId, messageId } = await newComplaint();
    await inTransaction((em) => repository().recordIdrResponse(em, caseId, { language: 'en', at: at('2026-03-10T00:00:00.000Z'), messageId }));
    await inTransaction((em) => repository().recordIdrResponse(em, caseId, { language: 'ru', at: null, messageId: null }));
    expect(await record(caseId)).toMatchObject({ idr_response_at: at('2026-03-10T00:00:00.000Z'), idr_response_message_id: messageId });
    expect(await lockWithCase(caseId)).toMatchObject({ idr_response_at: at('2026-03-10T00:00:00.000Z') });

    await inTransaction((em) => repository().recordDelayNotice(em, caseId, { at: at('2026-03-20T00:00:00.000Z'), messageId, reasons: 'Waiting for the insurer' }));
    expect(await record(caseId)).toMatchObject({ delay_notice_at: at('2026-03-20T00:00:00.000Z'), delay_notice_message_id: messageId, delay_reasons: 'Waiting for the insurer' });
  });

  it('records social-media tests and acknowledgements for several cases at once', async () => {
    const [a, b] = [await newComplaint(), await newComplaint()];
    const tests = { fromOwnedAccount: true };
    await inTransaction((em) => repository().recordSocialTests(em, [{ caseId: a.caseId, record: { tests, verdict: 'unknown' } }, { caseId: b.caseId, record: { tests: {} } }]));
    await expect(inTransaction((em) => repository().socialTestsOf(em, a.caseId))).resolves.toEqual({ tests, verdict: 'unknown' });
    await expect(inTransaction((em) => repository().socialTestsOf(em, b.caseId))).resolves.toEqual({ tests: {} });

    await inTransaction((em) =>
      repository().recordAcknowledgements(em, [
        { caseId: a.caseId, language: 'en', statusSecretHash: 'hash-a', acknowledgementMessageId: a.messageId },
        { caseId: b.caseId, language: 'ru', statusSecretHash: 'hash-b', acknowledgementMessageId: b.messageId },
      ]),
    );
    expect(await record(a.caseId)).toMatchObject({ language: 'en', status_secret_hash: 'hash-a', acknowledgement_message_id: a.messageId });
    expect(await record(b.caseId)).toMatchObject({ language: 'ru', status_secret_hash: 'hash-b', acknowledgement_message_id: b.messageId });
    expect(await lockWithCase(b.caseId)).toMatchObject({ language: 'ru' });
  });
});
