import { CaseClaimService, CaseEscalationService, CaseTransferService } from '@inbox/workspace';
import { IntakeModule, InboundIntakeService } from '@inbox/intake';
import { IdrResponseService } from '@inbox/complaint-handling';
import type { StaffPrincipal } from '@inbox/contracts';
import { useMediumContext } from '../support/medium-context';
import { caseFromMessage, caseRow, complaintMessage, insertStaffMember } from '../support/builders';

/** The case action policy (libs/contracts/src/case-action-policy.ts) as the services apply it, on locked rows. */
describe('case actions: who may transfer, escalate and close', () => {
  describe('with the default settings', () => {
    const ctx = useMediumContext({ imports: [IntakeModule] });
    let agent: StaffPrincipal;
    let colleague: StaffPrincipal;
    let supervisor: StaffPrincipal;
    const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);
    const newCase = async () => (await caseFromMessage(ctx.current.get(InboundIntakeService), query, complaintMessage({ sender: { address: nextPhone() } }))).caseId;
    const transfer = () => ctx.current.get<CaseTransferService>(CaseTransferService);
    const claim = (who: StaffPrincipal, caseId: string) => ctx.current.get<CaseClaimService>(CaseClaimService).claim(who, caseId);

    beforeAll(async () => {
      agent = await insertStaffMember(query, { name: 'Ada Agent' });
      colleague = await insertStaffMember(query, { name: 'Cy Colleague' });
      supervisor = await insertStaffMember(query, { role: 'supervisor', name: 'Sue Supervisor' });
    });

    it('refuses a transfer by an agent who does not hold the case, and records one by its holder', async () => {
      const caseId = await newCase();
      await expect(transfer().transfer(agent, caseId, { assigneeId: colleague.userId })).rejects.toMatchObject({ kind: 'forbidden', code: 'claim_first' });

      await claim(agent, caseId);
      await expect(transfer().transfer(colleague, caseId, { assigneeId: colleague.userId })).rejects.toMatchObject({ kind: 'forbidden', code: 'not_case_holder' });
      expect((await caseRow(query, caseId)).assignee_id).toBe(agent.userId);

      const done = await transfer().transfer(agent, caseId, { assigneeId: colleague.userId, reason: 'Cy handles card disputes' });
      expect(done.event.type).toBe('case.transferred');
      expect((await caseRow(query, caseId)).assignee_id).toBe(colleague.userId);
      const [recorded] = await query<{ actor: string; data: Record<string, unknown> }>(
        `SELECT payload->>'actorUserId' AS actor, payload->'data' AS data FROM case_events WHERE case_id = $1 AND type = 'case.transferred'`,
        [caseId],
      );
      expect(recorded).toMatchObject({ actor: agent.userId, data: { assigneeId: colleague.userId, fromAssigneeId: agent.userId, reason: 'Cy handles card disputes' } });
    });

    it('keeps a case escalated to supervisors from its agent until a supervisor hands it back', async () => {
      const caseId = await newCase();
      await claim(agent, caseId);
      const escalation = ctx.current.get<CaseEscalationService>(CaseEscalationService);
      await expect(escalation.escalate(agent, caseId, { to: 'supervisors', reason: '   ' })).rejects.toMatchObject({ code: 'reason_required' });
      await escalation.escalate(agent, caseId, { to: 'supervisors', reason: 'Customer threatens to go to AFCA' });
      expect((await caseRow(query, caseId)).status).toBe('escalated');

      await expect(transfer().transfer(agent, caseId, { assigneeId: colleague.userId })).rejects.toMatchObject({ kind: 'forbidden', code: 'escalated_to_supervisors' });

      const handedBack = await transfer().transfer(supervisor, caseId, { assigneeId: agent.userId });
      expect(handedBack.event.data).toMatchObject({ handedBack: true });
      expect(await caseRow(query, caseId)).toMatchObject({ status: 'open', assignee_id: agent.userId });
      await expect(transfer().transfer(agent, caseId, { assigneeId: colleague.userId })).resolves.toMatchObject({ event: { type: 'case.transferred' } });
    });
  });

  describe('with FINAL_RESPONSE_APPROVAL on', () => {
    const ctx = useMediumContext({ imports: [IntakeModule], env: { FINAL_RESPONSE_APPROVAL: 'true' } });
    const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);
    const resolution = { outcome: 'upheld', closureState: 'resolved', reasons: 'The second charge was a duplicate; we refunded it.' };

    it('lets only a supervisor close a complaint with its final response, even when an agent holds it', async () => {
      const agent = await insertStaffMember(query);
      const supervisor = await insertStaffMember(query, { role: 'supervisor' });
      const { caseId } = await caseFromMessage(ctx.current.get(InboundIntakeService), query, complaintMessage({ sender: { address: nextPhone() } }));
      await ctx.current.get<CaseClaimService>(CaseClaimService).claim(agent, caseId);
      const idr = ctx.current.get<IdrResponseService>(IdrResponseService);

      await expect(idr.resolve(agent, caseId, resolution)).rejects.toMatchObject({ kind: 'forbidden', code: 'final_response_needs_approval' });
      expect((await caseRow(query, caseId)).status).not.toBe('resolved');

      await idr.resolve(supervisor, caseId, resolution);
      expect((await caseRow(query, caseId)).status).toBe('resolved');
      const [response] = await query<{ text: string }>(`SELECT text FROM messages WHERE case_id = $1 AND direction = 'outbound' ORDER BY created_at DESC LIMIT 1`, [caseId]);
      expect(response?.text).toContain('The second charge was a duplicate');
    });
  });
});

let phone = 0;
const nextPhone = () => `+6145500${String(++phone).padStart(4, '0')}`;
