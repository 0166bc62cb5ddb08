import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CHANNELS, ConflictError, InvalidInputError, NotFoundError, type AsicDictionaryDetail, type AsicDictionarySummary, type StaffPrincipal } from '@inbox/contracts';
import {
  AsicDictionaryError,
  buildAsicIdrFile,
  COMPLAINT_TYPES,
  codedSourcesOf,
  isAsicHalfYear,
  isCodedSource,
  NO_REMEDY,
  OUTCOMES,
  parseAsicDictionary,
  readDictionaryWorkbook,
  REMEDY_TYPES,
  SHIPPED_ASIC_DICTIONARY,
  SHIPPED_ASIC_MAPPING,
  SHIPPED_ASIC_WARNING,
  toCsv,
  unmappedValues,
  type AsicCodeMapping,
  type AsicComplaintRecord,
  type AsicDictionary,
  type AsicIdrFile,
  type CodedSource,
  type ReportingPeriod,
} from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { ISSUES, PRODUCTS } from '@inbox/complaint-detection';
import { recordAudit } from './compliance-audit';
import { checkDate } from './complaints-register.service';

interface DictionaryRow {
  version: string;
  label: string;
  verified: boolean;
  applies_from: string;
  shipped: boolean;
  definition: AsicDictionary;
  loaded_by: string | null;
  loaded_at: Date;
}

const MAX_CODE = 100;

/**
 * The ASIC IDR data export, driven by dictionaries the firm loads: each
 * version stored whole, the compliance officer's mapping of the inbox's
 * values to its codes, a half-year validated row by row before anything is
 * downloaded, and the file itself — refused while a row would fail.
 */
@Injectable()
export class AsicIdrExport {
  private shippedReady: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The shipped (UNVERIFIED) dictionary is in the store with its default mapping, so the screens work from the start. */
  private ensureShipped(): Promise<void> {
    this.shippedReady ??= this.db
      .transaction(async (em) => {
        const d = SHIPPED_ASIC_DICTIONARY;
        const inserted = (await em.query(
          `INSERT INTO asic_dictionaries (version, label, verified, applies_from, shipped, definition) VALUES ($1, $2, false, $3, true, $4)
           ON CONFLICT (version) DO NOTHING RETURNING version`,
          [d.version, d.label, d.appliesFrom, JSON.stringify(d)],
        )) as unknown[];
        if (inserted.length === 0) return;
        for (const [source, values] of Object.entries(SHIPPED_ASIC_MAPPING)) {
          for (const [value, code] of Object.entries(values ?? {})) {
            await em.query(`INSERT INTO asic_code_mappings (dictionary_version, source, inbox_value, code) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [d.version, source, value, code]);
          }
        }
      })
      .catch((error: unknown) => {
        this.shippedReady = null;
        throw error;
      });
    return this.shippedReady;
  }

  private async rows(): Promise<DictionaryRow[]> {
    await this.ensureShipped();
    return (await this.db.query(
      `SELECT version, label, verified, to_char(applies_from, 'YYYY-MM-DD') AS applies_from, shipped, definition, loaded_by, loaded_at
         FROM asic_dictionaries ORDER BY applies_from, loaded_at`,
    )) as DictionaryRow[];
  }

  async list(): Promise<{ items: AsicDictionarySummary[] }> {
    const rows = await this.rows();
    return {
      items: rows.map((r) => ({
        version: r.version,
        label: r.label,
        verified: r.verified,
        appliesFrom: r.applies_from,
        shipped: r.shipped,
        warning: r.verified ? null : SHIPPED_ASIC_WARNING,
        columns: r.definition.columns.length,
        codeTables: Object.keys(r.definition.codeTables).length,
        loadedBy: r.loaded_by,
        loadedAt: r.loaded_at.toISOString(),
      })),
    };
  }

  /** Loads a dictionary from ASIC's template workbook (base64) or its JSON; a version is loaded once and never changed. */
  async load(principal: StaffPrincipal, input: { fileName?: string; contentBase64?: string; dictionary?: unknown }) {
    let dictionary: AsicDictionary;
    try {
      if (input.dictionary !== undefined) dictionary = parseAsicDictionary(input.dictionary);
      else if (input.contentBase64) dictionary = await readDictionaryWorkbook(Buffer.from(input.contentBase64, 'base64'));
      else throw new InvalidInputError('dictionary_required', 'Send the workbook (contentBase64) or the dictionary as JSON (dictionary)');
    } catch (error) {
      if (error instanceof AsicDictionaryError) throw new InvalidInputError('invalid_dictionary', error.message, { problems: error.problems });
      throw error;
    }
    await this.ensureShipped();
    await this.db.transaction(async (em) => {
      const inserted = (await em.query(
        `INSERT INTO asic_dictionaries (version, label, verified, applies_from, shipped, definition, loaded_by) VALUES ($1, $2, $3, $4, false, $5, $6)
         ON CONFLICT (version) DO NOTHING RETURNING version`,
        [dictionary.version, dictionary.label, dictionary.verified, dictionary.appliesFrom, JSON.stringify(dictionary), principal.userId],
      )) as unknown[];
      if (inserted.length === 0) throw new ConflictError('dictionary_version_exists', `Version ${dictionary.version} is already loaded; give the new one its own version`);
      await recordAudit(em, {
        actorUserId: principal.userId,
        action: 'asic_dictionary.loaded',
        data: { version: dictionary.version, appliesFrom: dictionary.appliesFrom, verified: dictionary.verified, fileName: input.fileName ?? null, columns: dictionary.columns.length },
      });
    });
    return this.get(dictionary.version);
  }

  private async dictionary(version: string): Promise<DictionaryRow> {
    const row = (await this.rows()).find((r) => r.version === version);
    if (!row) throw new NotFoundError('dictionary_not_found', `No dictionary ${version}`);
    return row;
  }

  private async mappings(): Promise<Record<string, AsicCodeMapping>> {
    const rows = (await this.db.query(`SELECT dictionary_version, source, inbox_value, code FROM asic_code_mappings`)) as Array<{
      dictionary_version: string;
      source: CodedSource;
      inbox_value: string;
      code: string;
    }>;
    const out: Record<string, AsicCodeMapping> = {};
    for (const r of rows) ((out[r.dictionary_version] ??= {})[r.source] ??= {})[r.inbox_value] = r.code;
    return out;
  }

  /** The inbox values of each coded source: what the inbox can produce, and what complaints actually carry. */
  private async vocabulary(): Promise<Record<CodedSource, string[]>> {
    const [used] = (await this.db.query(
      `SELECT ARRAY(SELECT DISTINCT p FROM (SELECT unnest(products) AS p FROM case_compliance UNION SELECT classification->>'product' FROM messages WHERE classification->>'product' IS NOT NULL) x WHERE p IS NOT NULL) AS products,
              ARRAY(SELECT DISTINCT i FROM (SELECT unnest(issues) AS i FROM case_compliance UNION SELECT classification->>'issue' FROM messages WHERE classification->>'issue' IS NOT NULL) x WHERE i IS NOT NULL) AS issues`,
    )) as Array<{ products: string[]; issues: string[] }>;
    return {
      complaint_type: [...COMPLAINT_TYPES],
      status: ['open', 'closed'],
      channel: [...CHANNELS],
      about_representative: ['true', 'false'],
      products: [...new Set([...PRODUCTS, ...used.products])],
      issues: [...new Set([...ISSUES, ...used.issues])],
      outcome: [...OUTCOMES],
      remedies: [...REMEDY_TYPES, NO_REMEDY],
      gender: [],
    };
  }

  /** One dictionary: its columns and code tables, the mapping, and the inbox values still without a code. */
  async get(version: string): Promise<AsicDictionaryDetail & { dictionary: AsicDictionary }> {
    const row = await this.dictionary(version);
    const mapping = (await this.mappings())[version] ?? {};
    const vocabulary = await this.vocabulary();
    return {
      version: row.version,
      label: row.label,
      verified: row.verified,
      warning: row.verified ? null : SHIPPED_ASIC_WARNING,
      appliesFrom: row.applies_from,
      shipped: row.shipped,
      dictionary: row.definition,
      sources: codedSourcesOf(row.definition).map(({ source, codeTable }) => ({
        source,
        codeTable,
        codes: row.definition.codeTables[codeTable],
        values: vocabulary[source].sort().map((value) => ({ value, code: mapping[source]?.[value] ?? null })),
      })),
      unmapped: unmappedValues(row.definition, mapping, vocabulary),
    };
  }

  /** Sets (or, with code null, clears) the codes of inbox values of one source; each code must be in the column's table. */
  async setMapping(principal: StaffPrincipal, version: string, input: { source: string; entries: Array<{ value: string; code: string | null }> }) {
    const row = await this.dictionary(version);
    if (!isCodedSource(input.source)) throw new InvalidInputError('invalid_source', `${input.source} is not mapped to codes`);
    const table = codedSourcesOf(row.definition).find((s) => s.source === input.source)?.codeTable;
    if (!table) throw new InvalidInputError('source_not_in_dictionary', `Dictionary ${version} has no column for ${input.source}`);
    const codes = new Set(row.definition.codeTables[table].map((c) => c.code));
    for (const e of input.entries) {
      if (typeof e.value !== 'string' || !e.value || e.value.length > MAX_CODE) throw new InvalidInputError('invalid_value', 'Each entry needs the inbox value');
      if (e.code !== null && !codes.has(e.code)) throw new InvalidInputError('code_not_in_table', `${e.code} is not a code of table ${table}`, { value: e.value });
    }
    await this.db.transaction(async (em) => {
      for (const e of input.entries) {
        if (e.code === null) await em.query(`DELETE FROM asic_code_mappings WHERE dictionary_version = $1 AND source = $2 AND inbox_value = $3`, [version, input.source, e.value]);
        else {
          await em.query(
            `INSERT INTO asic_code_mappings (dictionary_version, source, inbox_value, code, updated_by) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (dictionary_version, source, inbox_value) DO UPDATE SET code = $4, updated_by = $5, updated_at = now()`,
            [version, input.source, e.value, e.code, principal.userId],
          );
        }
      }
      await recordAudit(em, { actorUserId: principal.userId, action: 'asic_mapping.changed', data: { version, source: input.source, entries: input.entries } });
    });
    return this.get(version);
  }

  /** The half-year's file as it would be lodged, with every failing complaint and why. */
  async file(from: string, to: string): Promise<AsicIdrFile> {
    checkDate(from, 'from');
    checkDate(to, 'to');
    if (!isAsicHalfYear(from, to)) throw new InvalidInputError('not_a_half_year', 'ASIC collects half-years: 1 January–30 June or 1 July–31 December');
    const period: ReportingPeriod = { from, to };
    const dictionaries = (await this.rows()).map((r) => r.definition);
    const rows = (await this.db.query(
      `WITH bounds AS (SELECT ($2::date::timestamp AT TIME ZONE $1) AS start_at, (($3::date + 1)::timestamp AT TIME ZONE $1) AS end_at)
       SELECT c.id, c.reference, c.complaint_type, c.channel, c.received_at, c.closed_at, COALESCE(cc.about_representative, false) AS about_representative,
              COALESCE(cc.products, ARRAY(SELECT DISTINCT m.classification->>'product' FROM messages m
                                           WHERE m.case_id = c.id AND m.direction = 'inbound' AND m.classification->>'product' IS NOT NULL ORDER BY 1)) AS products,
              COALESCE(cc.issues, ARRAY(SELECT DISTINCT m.classification->>'issue' FROM messages m
                                         WHERE m.case_id = c.id AND m.direction = 'inbound' AND m.classification->>'issue' IS NOT NULL ORDER BY 1)) AS issues,
              COALESCE(cc.social_tests->>'verdict', CASE WHEN cc.social_tests->>'meetsDefinition' = 'false' THEN 'fails' WHEN cc.social_tests IS NOT NULL THEN 'meets' END) AS social_verdict,
              r.outcome, r.remedies, r.compensation_amount
         FROM cases c CROSS JOIN bounds b
         LEFT JOIN case_compliance cc ON cc.case_id = c.id
         LEFT JOIN LATERAL (SELECT outcome, remedies, compensation_amount FROM case_resolutions
                             WHERE case_id = c.id AND resolved_at < b.end_at ORDER BY resolved_at DESC LIMIT 1) r ON true
        WHERE c.kind = 'complaint' AND c.received_at < b.end_at AND (c.closed_at IS NULL OR c.closed_at >= b.start_at)
          -- A case merged into another is that complaint, reported once as the survivor (docs/workspace.md).
          AND c.merged_into_case_id IS NULL
        ORDER BY c.received_at, c.reference`,
      [this.config.timeZone, from, to],
    )) as Array<{
      id: string;
      reference: string;
      complaint_type: string;
      channel: string;
      received_at: Date;
      closed_at: Date | null;
      about_representative: boolean;
      products: string[];
      issues: string[];
      social_verdict: 'meets' | 'fails' | 'pending' | null;
      outcome: string | null;
      remedies: Array<{ type: string }> | null;
      compensation_amount: string | null;
    }>;
    const records: AsicComplaintRecord[] = rows.map((r) => ({
      caseId: r.id,
      reference: r.reference,
      entity: this.config.compliance.reportingEntity ?? null,
      complaintType: r.complaint_type,
      channel: r.channel,
      receivedAt: r.received_at,
      closedAt: r.closed_at,
      aboutRepresentative: r.about_representative,
      products: r.products,
      issues: r.issues,
      outcome: r.outcome,
      remedies: [...new Set((r.remedies ?? []).map((x) => x.type))],
      compensationAmount: r.compensation_amount === null ? null : Number(r.compensation_amount),
      socialVerdict: r.social_verdict,
    }));
    return buildAsicIdrFile({ records, dictionaries, mappings: await this.mappings(), period, timeZone: this.config.timeZone });
  }

  /** The CSV to lodge; refused while any complaint fails (ASIC's portal would reject the file). */
  async csv(from: string, to: string): Promise<{ fileName: string; text: string; file: AsicIdrFile }> {
    const file = await this.file(from, to);
    if (file.nilReturn) throw new ConflictError('nil_return', 'No complaint to report for this half-year: lodge a nil submission in ASIC’s Regulatory Portal instead of a file');
    if (file.failures.length > 0) {
      throw new ConflictError('asic_file_invalid', `${new Set(file.failures.map((f) => f.reference)).size} complaint(s) would fail ASIC’s validation; fix them first (GET /api/reports/asic-idr/validation)`, {
        failures: file.failures.length,
        unmapped: file.unmapped.length,
      });
    }
    const fileName = `asic-idr-${from}-${to}-${file.dictionary.version}${file.dictionary.verified ? '' : '-UNVERIFIED'}.csv`;
    return { fileName, text: toCsv(file.columns, file.rows), file };
  }
}
