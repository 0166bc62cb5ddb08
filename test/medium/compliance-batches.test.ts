import { IntakeBatchWriter, IntakeModule } from '@inbox/intake';
import { AcknowledgementService, ComplaintHandlingModule, SocialTestsAtIntakeRecorder } from '@inbox/complaint-handling';
import { eventually } from '../support/eventually';
import { useMediumContext } from '../support/medium-context';
import { complaintMessage, inboundMessage, placedMessage } from '../support/builders';

/** The automatic acknowledgements of many cases written together, set-based (AcknowledgementService.acknowledgeEach). */
describe('acknowledgements in a batch', () => {
  const ctx = useMediumContext({ imports: [IntakeModule, ComplaintHandlingModule], providers: [IntakeBatchWriter] });
  const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);
  const acknowledgements = () => ctx.current.get<AcknowledgementService>(AcknowledgementService);

  it('acknowledges each complaint of a batch once, on its own route with its own reference, and says why the others got none', async () => {
    const complaints = ['+61455000001', '+61455000002', '+61455000003'].map((address) => complaintMessage({ sender: { address } }));
    const enquiry = inboundMessage({ sender: { address: '+61455000004' }, text: 'What are your opening hours on Saturday?' });
    const unroutable = complaintMessage({ sender: { address: '+61455000005' } });
    await ctx.current.get<IntakeBatchWriter>(IntakeBatchWriter).write([...complaints, enquiry, unroutable]);
    const placed = await Promise.all([...complaints, enquiry, unroutable].map((m) => placedMessage(query, m.externalId)));
    const caseIds = placed.map((p) => p.caseId!);
    // The customer lost the only address we could answer on (an erasure, say): nothing to send it by.
    await query(`DELETE FROM identities WHERE customer_id = $1`, [placed[4].customerId]);
    // Already acknowledged before this batch, and listed twice in it: once is enough.
    expect(await acknowledgements().acknowledge(caseIds[0])).toBe('sent');

    const outcomes = await acknowledgements().acknowledgeEach([caseIds[0], caseIds[1], caseIds[2], caseIds[3], caseIds[4], caseIds[1]]);

    expect(outcomes).toEqual(['nothing_to_do', 'sent', 'sent', 'nothing_to_do', 'no_route', 'sent']);
    const sent = await query<{ case_id: string; sender_address: string; text: string; reference: string; acknowledged: boolean; by_compliance: boolean }>(
      `SELECT m.case_id, m.sender_address, m.text, c.reference, c.acknowledged_at IS NOT NULL AS acknowledged,
              cc.acknowledgement_message_id = m.id AS by_compliance
         FROM messages m JOIN cases c ON c.id = m.case_id JOIN case_compliance cc ON cc.case_id = c.id
        WHERE m.direction = 'outbound' AND m.case_id = ANY($1::uuid[]) ORDER BY m.sender_address`,
      [caseIds],
    );
    expect(sent.map((m) => [m.case_id, m.sender_address])).toEqual(complaints.map((c, i) => [caseIds[i], c.sender.address]));
    for (const m of sent) {
      expect(m.text).toContain(m.reference);
      expect(m).toMatchObject({ acknowledged: true, by_compliance: true });
    }
    // Each case's two events, in the order asked.
    const events = await query<{ case_id: string; type: string }>(
      `SELECT case_id, type FROM case_events WHERE case_id = ANY($1::uuid[]) AND type IN ('case.acknowledged', 'message.created')
          AND payload->'message'->>'direction' IS DISTINCT FROM 'inbound' ORDER BY seq`,
      [caseIds.slice(1, 3)],
    );
    expect(events.map((e) => [e.case_id, e.type])).toEqual([
      [caseIds[1], 'message.created'],
      [caseIds[1], 'case.acknowledged'],
      [caseIds[2], 'message.created'],
      [caseIds[2], 'case.acknowledged'],
    ]);
    const audit = await query<{ action: string }>(`SELECT action FROM compliance_audit WHERE case_id = $1`, [caseIds[4]]);
    expect(audit.map((a) => a.action)).toContain('acknowledgement.no_route');
  });
});

/** The social-media tests of a batch's new social cases written together (SocialTestsAtIntakeRecorder). */
describe('social-media tests at intake in a batch', () => {
  const ctx = useMediumContext({ imports: [IntakeModule, ComplaintHandlingModule], providers: [IntakeBatchWriter] });
  const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);

  it('records each new social case’s tests from its own first message, with an audit row and an event each', async () => {
    const named = complaintMessage({ channel: 'messenger', account: 'page-1', sender: { address: 'psid-social-1', displayName: 'Ann Smith' } });
    const unnamed = complaintMessage({ channel: 'instagram', account: 'ig-1', sender: { address: 'igsid-social-2' } });
    await ctx.current.get<IntakeBatchWriter>(IntakeBatchWriter).write([named, unnamed]);
    const caseIds = (await Promise.all([named, unnamed].map((m) => placedMessage(query, m.externalId)))).map((p) => p.caseId!);

    await ctx.current.get<SocialTestsAtIntakeRecorder>(SocialTestsAtIntakeRecorder).recordAll(caseIds.map((caseId) => ({ caseId, classifiedAsComplaint: true })));

    const recorded = await query<{ case_id: string; tests: { aboutTheFirm: boolean | null; authorIdentifiable: boolean | null; authorContactable: boolean | null; recordedBy: string } }>(
      `SELECT case_id, social_tests AS tests FROM case_compliance WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    const byCase = new Map(recorded.map((r) => [r.case_id, r.tests]));
    expect(byCase.get(caseIds[0])).toMatchObject({ aboutTheFirm: true, authorIdentifiable: true, authorContactable: true, recordedBy: 'system' });
    // No name on the profile: identifiable is left for an agent to answer.
    expect(byCase.get(caseIds[1])).toMatchObject({ aboutTheFirm: true, authorIdentifiable: null, authorContactable: true });
    for (const caseId of caseIds) {
      expect(await query(`SELECT action FROM compliance_audit WHERE case_id = $1 AND action = 'social.tests_recorded'`, [caseId])).toHaveLength(1);
      expect(await query(`SELECT seq FROM case_events WHERE case_id = $1 AND type = 'social.tests_recorded'`, [caseId])).toHaveLength(1);
    }
  });
  it('keeps what an agent recorded while the batch waited for the case: it locks, then reads', async () => {
    const unnamed = complaintMessage({ channel: 'instagram', account: 'ig-1', sender: { address: 'igsid-social-race' } });
    await ctx.current.get<IntakeBatchWriter>(IntakeBatchWriter).write([unnamed]);
    const { caseId } = await placedMessage(query, unnamed.externalId);

    let commitAgent!: () => void;
    const agentMayCommit = new Promise<void>((resolve) => (commitAgent = resolve));
    let agentHasLock!: () => void;
    const locked = new Promise<void>((resolve) => (agentHasLock = resolve));
    // An agent answers "identifiable" (intake cannot: the profile has no name), holding the case as every writer does.
    const agent = ctx.current.dataSource.transaction(async (em) => {
      await em.query(`SELECT id FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
      await em.query(
        `INSERT INTO case_compliance (case_id, social_tests) VALUES ($1, $2) ON CONFLICT (case_id) DO UPDATE SET social_tests = EXCLUDED.social_tests`,
        [caseId, JSON.stringify({ authorIdentifiable: true, recordedBy: 'agent' })],
      );
      agentHasLock();
      await agentMayCommit;
    });
    await locked;
    const recording = ctx.current.get<SocialTestsAtIntakeRecorder>(SocialTestsAtIntakeRecorder).recordAll([{ caseId: caseId!, classifiedAsComplaint: true }]);
    await eventually(
      async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0]!.n === 1,
      10_000,
      'the batch to wait for the case',
    );
    commitAgent();
    await Promise.all([agent, recording]);

    const [row] = await query<{ tests: { aboutTheFirm: boolean | null; authorIdentifiable: boolean | null; authorContactable: boolean | null } }>(
      `SELECT social_tests AS tests FROM case_compliance WHERE case_id = $1`,
      [caseId],
    );
    expect(row!.tests).toMatchObject({ aboutTheFirm: true, authorIdentifiable: true, authorContactable: true });
  });
});
