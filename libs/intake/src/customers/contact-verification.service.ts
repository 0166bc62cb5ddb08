import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ConflictError,
  InvalidInputError,
  normalizeAddress,
  NotFoundError,
  seesAllTeams,
  type Channel,
  type ClaimedContact,
  type StaffPrincipal,
} from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { proveClaim, type ProofOutcome } from '../claimed-contacts';
import { isUuid } from '@inbox/cases';

/** How a code is sent and checked: short-lived, few tries, few sends (an SMS costs money and can annoy). */
export const CONTACT_CODE_POLICY = {
  ttlMinutes: 10,
  maxAttempts: 5,
  /** Codes one requester (web chat visitor) may ask for in an hour. */
  sendsPerRequesterPerHour: 3,
  /** Codes asked for from one network address in an hour (a script can make up visitors, not networks). */
  sendsPerNetworkPerHour: 10,
  /** Codes sent to one address in a day, whoever asks: no one can use us to flood a mailbox or phone. */
  sendsPerAddressPerDay: 5,
} as const;

/** A claim as agents see it on the customer: unverified until proven. */
export interface ContactClaimView {
  id: string;
  channel: Channel;
  address: string;
  status: 'unverified';
  /** The address is another customer's identity (confirming it is then a merge, not a link). */
  ownedByAnotherCustomer: boolean;
  createdAt: string;
}

export type CodeCheck =
  | { kind: 'verified'; contacts: Array<{ channel: Channel; address: string; outcome: ProofOutcome | 'pending_first_message' }> }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'none_pending' };

const MAX_MERGE_HOPS = 10;

/**
 * Proof that a claimed address is the claimant's. From the web chat: a
 * 6-digit code sent to the email address or phone number (by the caller,
 * through the channel's own sender), entered in the widget — it expires,
 * works once, allows a few tries, and only its HMAC (CODE_HASH_SECRET) is
 * stored; the code itself is returned once to be sent and is never stored or
 * logged. From the workspace: an agent confirms a claim (audited). Either
 * way proveClaim turns the claim into an identity.
 */
@Injectable()
export class ContactVerificationService {
  private readonly key: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (!config.auth.codeHashSecret) throw new Error('CODE_HASH_SECRET must be settled before start');
    this.key = config.auth.codeHashSecret;
  }

  /**
   * Opens a challenge for `contact`, asked for by `requester`, superseding any
   * earlier open one for the same address. Returns the code to send now.
   */
  async open(requester: { channel: Channel; address: string; network?: string }, contact: ClaimedContact): Promise<{ id: string; code: string; channel: Channel; address: string; expiresInMinutes: number }> {
    if (contact.channel !== 'email' && contact.channel !== 'sms') {
      throw new InvalidInputError('verification_channel_unsupported', 'Only an email address or a phone number can be confirmed with a code');
    }
    const address = normalizeAddress(contact.channel, contact.address, this.config.defaultPhoneRegion);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = await this.db.transaction(async (em) => {
      // Counted under locks, so concurrent asks (from any process) cannot exceed the limits.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`verify-requester:${requester.channel}:${requester.address}`]);
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`verify-address:${contact.channel}:${address}`]);
      if (requester.network) await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`verify-network:${requester.network}`]);
      const [{ byRequester, byAddress, byNetwork }] = (await em.query(
        `SELECT (SELECT count(*)::int FROM contact_verifications WHERE requester_channel = $1 AND requester_address = $2 AND created_at > now() - interval '1 hour') AS "byRequester",
                (SELECT count(*)::int FROM contact_verifications WHERE channel = $3 AND address = $4 AND created_at > now() - interval '1 day') AS "byAddress",
                (SELECT count(*)::int FROM contact_verifications WHERE requester_network = $5 AND created_at > now() - interval '1 hour') AS "byNetwork"`,
        [requester.channel, requester.address, contact.channel, address, requester.network ?? null],
      )) as Array<{ byRequester: number; byAddress: number; byNetwork: number }>;
      if (
        byRequester >= CONTACT_CODE_POLICY.sendsPerRequesterPerHour ||
        byAddress >= CONTACT_CODE_POLICY.sendsPerAddressPerDay ||
        byNetwork >= CONTACT_CODE_POLICY.sendsPerNetworkPerHour
      ) {
        throw new InvalidInputError('verification_rate_limited', 'Too many codes were asked for; please try again later', { retryAfterSeconds: 3_600 });
      }
      await em.query(
        `UPDATE contact_verifications SET superseded_at = now()
          WHERE requester_channel = $1 AND requester_address = $2 AND channel = $3 AND address = $4 AND verified_at IS NULL AND superseded_at IS NULL`,
        [requester.channel, requester.address, contact.channel, address],
      );
      const [row] = (await em.query(
        `INSERT INTO contact_verifications (id, requester_channel, requester_address, requester_network, channel, address, code_hmac, expires_at, max_attempts)
         VALUES (gen_random_uuid(), $1, $2, $7, $3, $4, '', now() + make_interval(mins => $5), $6) RETURNING id`,
        [requester.channel, requester.address, contact.channel, address, CONTACT_CODE_POLICY.ttlMinutes, CONTACT_CODE_POLICY.maxAttempts, requester.network ?? null],
      )) as Array<{ id: string }>;
      await em.query(`UPDATE contact_verifications SET code_hmac = $2 WHERE id = $1`, [row.id, this.codeHmac(row.id, code)]);
      return row.id;
    });
    return { id, code, channel: contact.channel, address, expiresInMinutes: CONTACT_CODE_POLICY.ttlMinutes };
  }

  /** The code could not be sent: the challenge is closed (it still counts against the limits). */
  async abandon(id: string): Promise<void> {
    await this.db.query(`UPDATE contact_verifications SET superseded_at = now() WHERE id = $1 AND verified_at IS NULL`, [id]);
  }

  /**
   * Checks a code the requester entered against their open challenges. Every
   * check counts as a try on each of them; the right code proves its address,
   * which becomes an identity of the requester's customer now, or with their
   * first message if they have not written yet.
   */
  async check(requester: { channel: Channel; address: string }, code: string): Promise<CodeCheck> {
    const given = code.replace(/\s+/g, '');
    return this.db.transaction(async (em) => {
      const open = (await em.query(
        `SELECT id, channel, address, code_hmac, attempts, max_attempts FROM contact_verifications
          WHERE requester_channel = $1 AND requester_address = $2 AND verified_at IS NULL AND superseded_at IS NULL
            AND expires_at > now() AND attempts < max_attempts
          ORDER BY created_at DESC LIMIT 2 FOR UPDATE`,
        [requester.channel, requester.address],
      )) as Array<{ id: string; channel: Channel; address: string; code_hmac: string; attempts: number; max_attempts: number }>;
      if (open.length === 0) return { kind: 'none_pending' } as CodeCheck;
      const matched = open.filter((c) => /^\d{6}$/.test(given) && this.sameHmac(c.code_hmac, this.codeHmac(c.id, given)));
      await em.query(`UPDATE contact_verifications SET attempts = attempts + 1, verified_at = CASE WHEN id = ANY($2::uuid[]) THEN now() END WHERE id = ANY($1::uuid[])`, [
        open.map((c) => c.id),
        matched.map((c) => c.id),
      ]);
      if (matched.length === 0) {
        return { kind: 'wrong', attemptsLeft: Math.max(0, ...open.map((c) => c.max_attempts - c.attempts - 1)) } as CodeCheck;
      }
      const customerId = await this.customerOf(em, requester);
      const contacts: Extract<CodeCheck, { kind: 'verified' }>['contacts'] = [];
      for (const c of matched) {
        if (!customerId) {
          // Applied by intake with the requester's first message (recordClaimedContacts).
          contacts.push({ channel: c.channel, address: c.address, outcome: 'pending_first_message' });
          continue;
        }
        const proof = await proveClaim(em, { customerId, channel: c.channel, address: c.address, method: 'code', actorUserId: null });
        await em.query(`UPDATE contact_verifications SET applied_at = now() WHERE id = $1`, [c.id]);
        contacts.push({ channel: c.channel, address: c.address, outcome: proof.outcome });
      }
      return { kind: 'verified', contacts } as CodeCheck;
    });
  }

  /** The unverified claims on a customer (and on customers merged into it). */
  async claimsFor(customerId: string): Promise<ContactClaimView[]> {
    const rows = (await this.db.query(
      `SELECT cl.id, cl.channel, cl.address, cl.created_at,
              EXISTS (SELECT 1 FROM identities i WHERE i.channel = cl.channel AND i.address = cl.address AND i.customer_id <> $1) AS owned_by_other
         FROM identity_claims cl
        WHERE cl.status = 'unverified'
          AND cl.customer_id IN (SELECT $1::uuid UNION SELECT id FROM customers WHERE merged_into_id = $1)
          AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.channel = cl.channel AND i.address = cl.address AND i.customer_id = $1)
        ORDER BY cl.created_at`,
      [customerId],
    )) as Array<{ id: string; channel: Channel; address: string; created_at: Date; owned_by_other: boolean }>;
    return rows.map((r) => ({ id: r.id, channel: r.channel, address: r.address, status: 'unverified', ownedByAnotherCustomer: r.owned_by_other, createdAt: r.created_at.toISOString() }));
  }

  /**
   * An agent confirms that a claimed address is the customer's (they checked,
   * e.g. by calling back): it becomes an identity, audited with who did it.
   * An address that is another customer's identity is refused: that is a merge.
   */
  async confirmByAgent(principal: StaffPrincipal, customerId: string, claimId: string): Promise<{ claimId: string; outcome: ProofOutcome }> {
    if (!isUuid(customerId) || !/^\d{1,18}$/.test(claimId)) throw new NotFoundError('claim_not_found', 'No such claim');
    await this.assertVisible(principal, customerId);
    return this.db.transaction(async (em) => {
      const survivorId = await this.lockSurvivor(em, customerId);
      const [claim] = (await em.query(
        `SELECT cl.id, cl.channel, cl.address, cl.status FROM identity_claims cl
          WHERE cl.id = $1 AND cl.customer_id IN (SELECT $2::uuid UNION SELECT id FROM customers WHERE merged_into_id = $2) FOR UPDATE`,
        [claimId, survivorId],
      )) as Array<{ id: string; channel: Channel; address: string; status: string }>;
      if (!claim) throw new NotFoundError('claim_not_found', 'No such claim on this customer');
      if (claim.status === 'verified') throw new ConflictError('claim_already_verified', 'This address was already confirmed');
      const [owner] = (await em.query(
        `SELECT customer_id FROM identities WHERE channel = $1 AND address = $2 AND customer_id <> $3`,
        [claim.channel, claim.address, survivorId],
      )) as Array<{ customer_id: string }>;
      if (owner) {
        throw new ConflictError('claim_owned_by_other_customer', 'This address belongs to another customer: merge the two customers instead', {
          otherCustomerId: owner.customer_id,
        });
      }
      const proof = await proveClaim(em, { customerId: survivorId, channel: claim.channel, address: claim.address, method: 'agent', actorUserId: principal.userId });
      if (proof.outcome === 'owned_by_other') {
        throw new ConflictError('claim_owned_by_other_customer', 'This address belongs to another customer: merge the two customers instead');
      }
      return { claimId: proof.claimId, outcome: proof.outcome };
    });
  }

  private codeHmac(id: string, code: string): string {
    return createHmac('sha256', this.key).update(`contact-code:${id}:${code}`).digest('hex');
  }

  private sameHmac(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  private async customerOf(em: EntityManager, requester: { channel: Channel; address: string }): Promise<string | null> {
    const [row] = (await em.query(`SELECT customer_id FROM identities WHERE channel = $1 AND address = $2`, [requester.channel, requester.address])) as Array<{
      customer_id: string;
    }>;
    return row ? this.lockSurvivor(em, row.customer_id) : null;
  }

  private async lockSurvivor(em: EntityManager, customerId: string): Promise<string> {
    let id = customerId;
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop += 1) {
      const [row] = (await em.query(`SELECT merged_into_id FROM customers WHERE id = $1 FOR UPDATE`, [id])) as Array<{ merged_into_id: string | null }>;
      if (!row) throw new NotFoundError('customer_not_found', 'No such customer');
      if (!row.merged_into_id) return id;
      id = row.merged_into_id;
    }
    return id;
  }

  private async assertVisible(principal: StaffPrincipal, customerId: string): Promise<void> {
    const [customer] = (await this.db.query(`SELECT id FROM customers WHERE id = $1`, [customerId])) as unknown[];
    if (!customer) throw new NotFoundError('customer_not_found', 'No such customer');
    if (seesAllTeams(principal)) return;
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM cases WHERE customer_id = $1 AND team_id = ANY($2::uuid[])`, [
      customerId,
      principal.teamIds,
    ])) as Array<{ n: number }>;
    if (n === 0) throw new NotFoundError('customer_not_found', 'No such customer');
  }
}
