import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import JSZip from 'jszip';
import { NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { recordAudit } from '@inbox/complaint-handling';
import { CustomerRepository, isUuid } from '@inbox/cases';

export interface CustomerExport {
  fileName: string;
  zip: Buffer;
  counts: Record<string, number>;
}

type Rows = Array<Record<string, unknown>>;

/**
 * Subject access (APP 12, GDPR art. 15): everything held about one customer
 * — who they are and how they reach us, support needs, representatives,
 * cases with their deadlines and outcomes, every message with its files,
 * notes, the case events and the audit entries that concern them — as a ZIP
 * of JSON files and the attachment files. The export itself is audited.
 */
@Injectable()
export class CustomerExportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomerRepository,
  ) {}

  async export(principal: StaffPrincipal, customerId: string, now = new Date()): Promise<CustomerExport> {
    if (!isUuid(customerId)) throw new NotFoundError('customer_not_found', 'No such customer');
    const customer = await this.customers.findById(customerId);
    if (!customer) throw new NotFoundError('customer_not_found', 'No such customer');
    const ids = await this.customers.withMerged(customerId);
    const q = (sql: string) => this.db.query(sql, [ids]) as Promise<Rows>;
    const [identities, claims, products, supportNeeds, representatives, holds, erasures, cases, messages, notes, events, audit, files, customFields] = await Promise.all([
      this.customers.identitiesOf(ids).then((rows) => rows.map(({ id, channel, address, display_name, created_at }) => ({ id, channel, address, display_name, created_at }))),
      q(`SELECT channel, address, created_at FROM identity_claims WHERE customer_id = ANY($1::uuid[])`),
      q(`SELECT product, account_ref, created_at FROM customer_products WHERE customer_id = ANY($1::uuid[])`),
      q(`SELECT vulnerability_types, how_known, consent, adjustments, adjustment_notes, named_contact, review_date, recorded_at FROM support_needs WHERE customer_id = ANY($1::uuid[])`),
      q(`SELECT name, relationship, channel, address, evidence, scope, added_at, revoked_at FROM customer_representatives WHERE customer_id = ANY($1::uuid[])`),
      q(`SELECT reason, placed_at, lifted_at FROM legal_holds WHERE customer_id = ANY($1::uuid[])`),
      q(`SELECT reason, requested_at, status, erased_cases, held FROM erasure_requests WHERE customer_id = ANY($1::uuid[])`),
      q(`SELECT c.id, c.reference, c.status, c.kind, c.category, c.channel, c.received_at, c.acknowledge_by, c.respond_by, c.acknowledged_at,
                c.first_response_at, c.resolved_at, c.closed_at,
                (SELECT json_agg(json_build_object('closureState', r.closure_state, 'outcome', r.outcome, 'reasons', r.reasons, 'remedies', r.remedies,
                                                   'compensationAmount', r.compensation_amount, 'resolvedAt', r.resolved_at))
                   FROM case_resolutions r WHERE r.case_id = c.id) AS resolutions,
                (SELECT json_object_agg(f.label, v.value) FROM case_field_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.case_id = c.id) AS custom_fields
           FROM cases c WHERE c.customer_id = ANY($1::uuid[]) ORDER BY c.received_at`),
      q(`SELECT m.id, c.reference AS case_reference, m.channel, m.direction, m.sender_address, m.text, m.thread->>'subject' AS subject, m.attachments,
                m.redactions, m.received_at, m.sent_at, m.delivery_status, m.classification->>'kind' AS classified_as
           FROM messages m LEFT JOIN cases c ON c.id = m.case_id WHERE m.customer_id = ANY($1::uuid[]) ORDER BY m.received_at, m.intake_seq`),
      q(`SELECT c.reference AS case_reference, n.text, n.created_at FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.customer_id = ANY($1::uuid[]) ORDER BY n.created_at`),
      q(`SELECT e.seq, c.reference AS case_reference, e.type, e.created_at FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.customer_id = ANY($1::uuid[]) ORDER BY e.seq`),
      q(`SELECT a.action, a.reason, a.created_at, c.reference AS case_reference FROM compliance_audit a LEFT JOIN cases c ON c.id = a.case_id
          WHERE c.customer_id = ANY($1::uuid[]) OR a.data->>'customerId' = ANY($1::text[]) ORDER BY a.id`),
      q(`SELECT a.id, a.file_name, a.content_type, a.content FROM attachment_contents a JOIN messages m ON m.id = a.message_id WHERE m.customer_id = ANY($1::uuid[])`),
      q(`SELECT f.key, f.label, v.value, v.set_at FROM customer_field_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.customer_id = ANY($1::uuid[]) ORDER BY f.created_at`),
    ]);
    const zip = new JSZip();
    const json = (name: string, value: unknown) => zip.file(name, JSON.stringify(value, null, 2) + '\n');
    json('customer.json', { customer, identities, claimedAddresses: claims, products, supportNeeds, representatives, legalHolds: holds, erasureRequests: erasures, customFields });
    json('cases.json', cases);
    json('messages.json', messages);
    json('notes.json', notes);
    json('case-events.json', events);
    json('audit.json', audit);
    for (const file of files) zip.file(`attachments/${String(file.id)}-${safeName(file.file_name as string | null)}`, file.content as Buffer);
    json('README.json', {
      exportedAt: now.toISOString(),
      about: 'Everything this complaints inbox holds about the customer (docs/personal-data.md). Values removed on arrival (card numbers, passwords) were never stored and cannot be exported.',
      files: ['customer.json', 'cases.json', 'messages.json', 'notes.json', 'case-events.json', 'audit.json', 'attachments/'],
    });
    const counts = { identities: identities.length, cases: cases.length, messages: messages.length, notes: notes.length, events: events.length, auditEntries: audit.length, attachments: files.length };
    const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await recordAudit(this.db, { actorUserId: principal.userId, action: 'personal_data.exported', reason: 'subject access export', data: { customerId, counts, bytes: buffer.length } });
    return { fileName: `customer-${customerId}-${now.toISOString().slice(0, 10)}.zip`, zip: buffer, counts };
  }
}

/** A file name that is safe inside a ZIP: no folders, no control characters. */
function safeName(name: string | null): string {
  const cleaned = (name ?? 'file').replace(/[\\/\u0000-\u001f]/g, '_').replace(/^\.+/, '').slice(0, 120);
  return cleaned || 'file';
}
