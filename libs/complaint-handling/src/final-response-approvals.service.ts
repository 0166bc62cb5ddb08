import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { CaseActionRunner } from '@inbox/workspace';
import { enforceCaseAction } from '@inbox/workspace';
import { CaseQueryService } from '@inbox/cases';
import { IdrResponseService, type ResolveInput, type WrittenMessagePreview } from './idr-response.service';

export type FinalResponseKind = 'resolve' | 'unfounded';

export interface FinalResponseProposal {
  id: string;
  kind: FinalResponseKind;
  input: ResolveInput | { reasons: string; language?: string };
  proposedBy: string;
  proposedByName: string | null;
  proposedAt: string;
  /** Exactly what approving sends, checked again now (the case may have moved on). */
  preview: WrittenMessagePreview | null;
  /** Why it cannot be sent as it stands, when the check now refuses it. */
  problem: string | null;
}

/**
 * FINAL_RESPONSE_APPROVAL (docs/case-actions.md): the case's holder proposes
 * the final response, exactly as the resolve or unfounded action takes it;
 * a supervisor approves it — it is then sent as the supervisor's action, with
 * every check of that action — or returns it with a note.
 */
@Injectable()
export class FinalResponseApprovals {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CaseQueryService,
    private readonly runner: CaseActionRunner,
    private readonly idr: IdrResponseService,
  ) {}

  async propose(principal: StaffPrincipal, caseId: string, kind: FinalResponseKind, input: FinalResponseProposal['input']) {
    await this.cases.summaryVisibleTo(principal, caseId);
    if (!this.config.workspace.finalResponseApproval) {
      throw new ConflictError('approval_not_required', 'Final responses here need no approval: resolve the case directly');
    }
    // Everything the action itself would check (the text's required parts, RG 271 closure rules), before anyone approves it.
    await this.previewOf(principal, caseId, kind, input);
    const { event } = await this.runner.run(principal, caseId, async (em, locked) => {
      // The holder (or a supervisor) proposes: the same rule as for sending, without the approval it asks for.
      await enforceCaseAction(em, principal, kind, locked, { finalResponseApproval: false });
      const inserted = (await em.query(
        `INSERT INTO final_response_proposals (case_id, kind, input, proposed_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id) WHERE decision IS NULL DO NOTHING RETURNING id`,
        [locked.id, kind, JSON.stringify(input), principal.userId],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) throw new ConflictError('proposal_waiting', `A final response for ${locked.reference} already waits for a supervisor`);
      return { type: 'case.updated', data: { change: 'final_response_proposed', kind, proposalId: inserted[0].id } };
    });
    return { proposalId: String(event.data!.proposalId), case: event.case };
  }

  /** The proposal waiting on the case, with what approving it would send; null when none waits. */
  async waiting(principal: StaffPrincipal, caseId: string): Promise<FinalResponseProposal | null> {
    await this.cases.summaryVisibleTo(principal, caseId);
    const [row] = (await this.db.query(
      `SELECT p.id, p.kind, p.input, p.proposed_by, u.name AS proposed_by_name, p.proposed_at
         FROM final_response_proposals p LEFT JOIN users u ON u.id = p.proposed_by WHERE p.case_id = $1 AND p.decision IS NULL`,
      [caseId],
    )) as Array<{ id: string; kind: FinalResponseKind; input: FinalResponseProposal['input']; proposed_by: string; proposed_by_name: string | null; proposed_at: Date }>;
    if (!row) return null;
    let preview: WrittenMessagePreview | null = null;
    let problem: string | null = null;
    try {
      // Previewed as a supervisor would send it: the check is about the text and the case, not the viewer.
      preview = await this.previewOf({ ...principal, role: 'supervisor' }, caseId, row.kind, row.input);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    return {
      id: row.id,
      kind: row.kind,
      input: row.input,
      proposedBy: row.proposed_by,
      proposedByName: row.proposed_by_name,
      proposedAt: row.proposed_at.toISOString(),
      preview,
      problem,
    };
  }

  /** Sends the waiting proposal as the approving supervisor's own resolve (or unfounded). */
  async approve(principal: StaffPrincipal, caseId: string) {
    const proposal = await this.requireWaiting(principal, caseId);
    const result =
      proposal.kind === 'resolve'
        ? await this.idr.resolve(principal, caseId, proposal.input as ResolveInput)
        : await this.idr.unfounded(principal, caseId, proposal.input as { reasons: string; language?: string });
    await this.decide(proposal.id, 'approved', principal.userId, null);
    return { ...result, proposalId: proposal.id, proposedBy: proposal.proposedBy };
  }

  /** Back to the agent with a note (what to change); nothing is sent. */
  async giveBack(principal: StaffPrincipal, caseId: string, note: string) {
    const proposal = await this.requireWaiting(principal, caseId);
    return this.runner.run(principal, caseId, async () => {
      await this.decide(proposal.id, 'returned', principal.userId, note);
      return { type: 'case.updated', data: { change: 'final_response_returned', kind: proposal.kind, proposalId: proposal.id, note } };
    });
  }

  private async requireWaiting(principal: StaffPrincipal, caseId: string) {
    const proposal = await this.waiting(principal, caseId);
    if (!proposal) throw new NotFoundError('no_proposal_waiting', 'No final response waits for approval on this case');
    return proposal;
  }

  private async decide(id: string, decision: 'approved' | 'returned', userId: string, note: string | null) {
    await this.db.query(`UPDATE final_response_proposals SET decision = $2, decided_by = $3, decided_at = now(), note = $4 WHERE id = $1 AND decision IS NULL`, [
      id,
      decision,
      userId,
      note,
    ]);
  }

  private previewOf(principal: StaffPrincipal, caseId: string, kind: FinalResponseKind, input: FinalResponseProposal['input']) {
    return kind === 'resolve'
      ? this.idr.previewResolve(principal, caseId, input as ResolveInput)
      : this.idr.previewUnfounded(principal, caseId, input as { reasons: string; language?: string });
  }
}
