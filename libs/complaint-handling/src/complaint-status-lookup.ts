import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What the public status page may show of a complaint, once the code from its acknowledgement matches. */
export interface ComplaintStatusRow {
  reference: string;
  status: string;
  received_at: Date;
  respond_by: Date | null;
  resolved_at: Date | null;
  complaint_type: string | null;
  status_secret_hash: string | null;
  language: string | null;
  outcome: string | null;
}

/** Case references look like `C-000123`; anything else is not looked up. */
const REFERENCE = /^[A-Z]-\d{6,}$/;

/** Finds a complaint by its reference for the public status page (the caller checks the code before showing any of it). */
@Injectable()
export class ComplaintStatusLookup {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async byReference(reference: string): Promise<ComplaintStatusRow | undefined> {
    if (!REFERENCE.test(reference)) return undefined;
    const [row] = (await this.db.query(
      `SELECT c.reference, c.status, c.received_at, c.respond_by, c.resolved_at, c.complaint_type, cc.status_secret_hash, cc.language,
              (SELECT outcome FROM case_resolutions r WHERE r.case_id = c.id ORDER BY resolved_at DESC LIMIT 1) AS outcome
         FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id WHERE c.reference = $1`,
      [reference],
    )) as ComplaintStatusRow[];
    return row;
  }
}
