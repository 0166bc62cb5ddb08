import { randomUUID } from 'node:crypto';
import { CaseRepository } from '@inbox/cases';
import { OPEN_CASE_STATUSES } from '@inbox/contracts';
import { secondLockWaits } from '../support/row-locks';
import { useRepositoryContext } from '../support/repository-context';
import { caseFromMessage, caseRow, defaultTeamId, inboundMessage, insertStaffMember, insertTeam } from '../support/builders';

/** CaseRepository (libs/cases/src/repositories) on a migrated database: what each method writes and returns, and that its lock holds. */
describe('CaseRepository', () => {
  const { ctx, query, repository, inTransaction, intake } = useRepositoryContext(CaseRepository);
  let phone = 61_477_000_000;
  const newCase = async () => (await caseFromMessage(intake(), query, inboundMessage({ sender: { address: `+${++phone}` } }))).case;

  it('locks a case and returns the row a state change needs; no row for an unknown id', async () => {
    const c = await newCase();
    const locked = await inTransaction((em) => repository().lockForUpdate(em, c.id));
    const [{ category }] = (await query<{ category: string | null }>(`SELECT category FROM cases WHERE id = $1`, [c.id])) as [{ category: string | null }];
    expect(locked).toEqual({
      id: c.id,
      reference: c.reference,
      status: c.status,
      channel: 'sms',
      customer_id: c.customer_id,
      team_id: c.team_id,
      assignee_id: null,
      kind: c.kind,
      category,
      priority: 3,
      acknowledged_at: null,
      resolved_at: null,
    });
    await expect(inTransaction((em) => repository().lockForUpdate(em, randomUUID()))).resolves.toBeUndefined();
  });

  it('makes a second transaction that locks the same case wait until the first commits, and then shows it the committed row', async () => {
    const c = await newCase();
    const { order, secondSaw } = await secondLockWaits(
      ctx.current.dataSource,
      query,
      (em) => repository().lockForUpdate(em, c.id),
      (em) => repository().setPriority(em, c.id, 1),
    );
    expect(order).toEqual(['first commits', 'second holds the lock']);
    expect(secondSaw?.priority).toBe(1);
  });

  it('writes status, assignment, priority and the reopen and close of a case', async () => {
    const c = await newCase();
    const agent = await insertStaffMember(query);
    const team = await defaultTeamId(query);

    await inTransaction((em) => repository().setAssignment(em, c.id, { teamId: team, assigneeId: agent.userId, status: 'pending' }));
    expect(await caseRow(query, c.id)).toMatchObject({ team_id: team, assignee_id: agent.userId, status: 'pending' });
    expect(await repository().assigneeOf(c.id)).toEqual({ id: agent.userId, name: agent.name });
    expect(await repository().anyAssignedTo(c.customer_id, agent.userId)).toBe(true);

    await inTransaction((em) => repository().clearAssignee(em, c.id));
    expect(await caseRow(query, c.id)).toMatchObject({ team_id: team, assignee_id: null, status: 'pending' });
    expect(await repository().assigneeOf(c.id)).toBeUndefined();
    expect(await repository().anyAssignedTo(c.customer_id, agent.userId)).toBe(false);

    await inTransaction((em) => repository().setStatus(em, c.id, 'escalated'));
    await inTransaction((em) => repository().setPriority(em, c.id, 5));
    expect(await caseRow(query, c.id)).toMatchObject({ status: 'escalated', priority: 5 });

    const closedAt = new Date('2026-03-04T05:06:07.000Z');
    await inTransaction((em) => repository().close(em, c.id, 'resolved', closedAt));
    expect(await caseRow(query, c.id)).toMatchObject({ status: 'resolved', resolved_at: closedAt, closed_at: closedAt });

    await inTransaction((em) => repository().reopen(em, c.id));
    expect(await caseRow(query, c.id)).toMatchObject({ status: 'open', resolved_at: closedAt, closed_at: null });
  });

  it('stamps updated_at on every write, and touch writes nothing else', async () => {
    const c = await newCase();
    await query(`UPDATE cases SET updated_at = now() - interval '1 day' WHERE id = $1`, [c.id]);
    const before = await caseRow(query, c.id);
    await inTransaction((em) => repository().touch(em, c.id));
    const after = await caseRow(query, c.id);
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
    expect({ ...after, updated_at: null }).toEqual({ ...before, updated_at: null });
  });

  it('lets exactly one of two agents claim a case, and opens a new case on claim', async () => {
    const c = await newCase();
    await query(`UPDATE cases SET status = 'new', assignee_id = NULL WHERE id = $1`, [c.id]);
    const ada = await insertStaffMember(query);
    const cy = await insertStaffMember(query);

    await expect(inTransaction((em) => repository().claimFor(em, c.id, ada.userId))).resolves.toBe(true);
    await expect(inTransaction((em) => repository().claimFor(em, c.id, cy.userId))).resolves.toBe(false);
    await expect(inTransaction((em) => repository().claimFor(em, c.id, ada.userId))).resolves.toBe(true);
    expect(await caseRow(query, c.id)).toMatchObject({ assignee_id: ada.userId, status: 'open' });
  });

  it('lists a team queue in deadline order and assigns from it only while a case is still waiting there', async () => {
    const [a, b, c] = [await newCase(), await newCase(), await newCase()];
    const team = await defaultTeamId(query);
    const queueId = await insertTeam(query);
    const agent = await insertStaffMember(query, { teamIds: [queueId, team] });
    await query(`UPDATE cases SET team_id = $1, assignee_id = NULL, status = 'open', respond_by = now() + interval '2 days', priority = 3 WHERE id = ANY($2::uuid[])`, [
      queueId,
      [a.id, b.id, c.id],
    ]);
    await query(`UPDATE cases SET respond_by = now() + interval '1 day' WHERE id = $1`, [c.id]);
    await query(`UPDATE cases SET priority = 1 WHERE id = $1`, [b.id]);

    const waiting = await inTransaction((em) => repository().unassignedInQueue(em, queueId, OPEN_CASE_STATUSES, 10));
    expect(waiting).toEqual([c.id, b.id, a.id]);
    await expect(inTransaction((em) => repository().unassignedInQueue(em, queueId, OPEN_CASE_STATUSES, 1))).resolves.toEqual([c.id]);

    await expect(inTransaction((em) => repository().assignIfStillQueued(em, c.id, agent.userId, queueId, OPEN_CASE_STATUSES))).resolves.toBe(true);
    // Now assigned: not waiting any more, so a second push finds nothing to take.
    await expect(inTransaction((em) => repository().assignIfStillQueued(em, c.id, agent.userId, queueId, OPEN_CASE_STATUSES))).resolves.toBe(false);
    // In another team's queue: not this team's to assign.
    await expect(inTransaction((em) => repository().assignIfStillQueued(em, b.id, agent.userId, team, OPEN_CASE_STATUSES))).resolves.toBe(false);
    expect(await inTransaction((em) => repository().unassignedInQueue(em, queueId, OPEN_CASE_STATUSES, 10))).toEqual([b.id, a.id]);
  });

  it('finds the open case that has waited longest for an assignee, in any team', async () => {
    const c = await newCase();
    await query(`UPDATE cases SET status = 'open', assignee_id = NULL, received_at = '1990-01-01T00:00:00Z' WHERE id = $1`, [c.id]);
    await expect(repository().oldestUnassigned(OPEN_CASE_STATUSES)).resolves.toEqual({ id: c.id, reference: c.reference, received_at: new Date('1990-01-01T00:00:00Z') });
    expect((await repository().oldestUnassigned(['pending']))?.id).not.toBe(c.id);

    const agent = await insertStaffMember(query);
    await inTransaction((em) => repository().claimFor(em, c.id, agent.userId));
    expect((await repository().oldestUnassigned(OPEN_CASE_STATUSES))?.id).not.toBe(c.id);
  });

  it('marks acknowledgement and the first response without overwriting the first one', async () => {
    const c = await newCase();
    await query(`UPDATE cases SET status = 'new', acknowledged_at = NULL, first_response_at = NULL WHERE id = $1`, [c.id]);

    await inTransaction((em) => repository().markAcknowledged(em, c.id));
    const acknowledged = await caseRow(query, c.id);
    expect(acknowledged.status).toBe('open');
    expect(acknowledged.acknowledged_at).toBeInstanceOf(Date);

    await inTransaction((em) => repository().markResponded(em, c.id));
    const first = (await caseRow(query, c.id)).first_response_at;
    expect(first).toBeInstanceOf(Date);
    await inTransaction((em) => repository().markResponded(em, c.id));
    expect((await caseRow(query, c.id)).first_response_at).toEqual(first);
  });

  it('writes the complaint type and the clock: deadlines, a restart, and a start moved back that keeps a deadline given as null', async () => {
    const c = await newCase();
    const at = (iso: string) => new Date(iso);

    await inTransaction((em) => repository().setComplaintType(em, c.id, 'hardship', at('2026-04-01T00:00:00.000Z')));
    expect(await caseRow(query, c.id)).toMatchObject({ complaint_type: 'hardship', respond_by: at('2026-04-01T00:00:00.000Z') });
    await inTransaction((em) => repository().setComplaintType(em, c.id, 'standard'));
    expect(await caseRow(query, c.id)).toMatchObject({ complaint_type: 'standard', respond_by: at('2026-04-01T00:00:00.000Z') });

    await inTransaction((em) => repository().setRespondBy(em, c.id, at('2026-04-02T00:00:00.000Z')));
    await inTransaction((em) => repository().setDeadlines(em, c.id, { acknowledgeBy: at('2026-03-02T00:00:00.000Z'), respondBy: null }));
    expect(await caseRow(query, c.id)).toMatchObject({ acknowledge_by: at('2026-03-02T00:00:00.000Z'), respond_by: null });

    await inTransaction((em) => repository().restartClock(em, c.id, at('2026-03-01T00:00:00.000Z'), { acknowledgeBy: at('2026-03-03T00:00:00.000Z'), respondBy: at('2026-04-03T00:00:00.000Z') }));
    expect(await caseRow(query, c.id)).toMatchObject({
      received_at: at('2026-03-01T00:00:00.000Z'),
      acknowledge_by: at('2026-03-03T00:00:00.000Z'),
      respond_by: at('2026-04-03T00:00:00.000Z'),
    });

    await inTransaction((em) => repository().moveStartBack(em, c.id, at('2026-02-28T00:00:00.000Z'), { acknowledgeBy: null, respondBy: at('2026-03-31T00:00:00.000Z') }));
    expect(await caseRow(query, c.id)).toMatchObject({
      received_at: at('2026-02-28T00:00:00.000Z'),
      acknowledge_by: at('2026-03-03T00:00:00.000Z'),
      respond_by: at('2026-03-31T00:00:00.000Z'),
    });
  });

  it('tells whether a case is the customer’s', async () => {
    const c = await newCase();
    const other = await newCase();
    expect(await repository().belongsToCustomer(c.id, c.customer_id)).toBe(true);
    expect(await repository().belongsToCustomer(c.id, other.customer_id)).toBe(false);
  });
});
