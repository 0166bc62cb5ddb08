import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { toDataURL } from 'qrcode';
import type { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { SecretBox } from './secret-box';

export const RECOVERY_CODE_COUNT = 10;
/** One 30-second step either side: phone clocks drift. */
const TOTP_TOLERANCE_SECONDS = 30;
const ISSUER = 'Complaints inbox';

export interface SecondFactorEnrolment {
  /** Base32, for typing into an authenticator by hand. */
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as a QR code (a PNG data URL) to scan. */
  qrCode: string;
}

/** How a code was accepted: a TOTP from the app, or one of the recovery codes (now used up). */
export type SecondFactorProof = 'totp' | 'recovery_code';

/**
 * TOTP second factor (RFC 6238, otplib) with ten single-use recovery codes.
 * The seed is sealed at rest; recovery codes are kept only as keyed hashes
 * and each is spent by the UPDATE that accepts it, so it works once even
 * when two sign-ins race.
 */
@Injectable()
export class SecondFactorService {
  private readonly box: SecretBox;
  private readonly hashKey: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const secret = config.auth.jwtSecret;
    if (!secret) throw new Error('JWT secret not resolved before start');
    this.box = new SecretBox(secret, 'totp-seed');
    this.hashKey = `recovery-codes\0${secret}`;
  }

  async status(userId: string): Promise<{ enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number }> {
    const [row] = (await this.db.query(
      `SELECT u.totp_enabled_at, (SELECT count(*)::int FROM staff_recovery_codes c WHERE c.user_id = u.id AND c.used_at IS NULL) AS left
         FROM users u WHERE u.id = $1`,
      [userId],
    )) as Array<{ totp_enabled_at: Date | null; left: number }>;
    if (!row) throw new NotFoundError('user_not_found', 'No such user');
    return { enabled: row.totp_enabled_at !== null, enabledAt: row.totp_enabled_at?.toISOString() ?? null, recoveryCodesLeft: row.left };
  }

  async isEnabled(userId: string): Promise<boolean> {
    return (await this.status(userId)).enabled;
  }

  /** A new seed, pending until a code from it is confirmed; an enabled factor must be reset first. */
  async startEnrolment(userId: string, email: string): Promise<SecondFactorEnrolment> {
    const secret = generateSecret();
    // TypeORM answers an UPDATE with [rows, count].
    const [, updated] = (await this.db.query(`UPDATE users SET totp_pending_secret = $2 WHERE id = $1 AND totp_enabled_at IS NULL`, [
      userId,
      this.box.seal(secret),
    ])) as [unknown[], number];
    if (updated === 0) throw new ConflictError('second_factor_already_enabled', 'Two-factor sign-in is already set up; an admin can reset it');
    const otpauthUrl = generateURI({ issuer: ISSUER, label: email, secret });
    return { secret, otpauthUrl, qrCode: await toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
  }

  /** Turns the pending seed on when `code` comes from it; returns the ten recovery codes, shown once. */
  async confirmEnrolment(userId: string, code: string): Promise<string[]> {
    return this.db.transaction(async (em) => {
      const [row] = (await em.query(`SELECT totp_pending_secret, totp_enabled_at FROM users WHERE id = $1 FOR UPDATE`, [userId])) as Array<{
        totp_pending_secret: string | null;
        totp_enabled_at: Date | null;
      }>;
      if (!row) throw new NotFoundError('user_not_found', 'No such user');
      if (row.totp_enabled_at) throw new ConflictError('second_factor_already_enabled', 'Two-factor sign-in is already set up');
      if (!row.totp_pending_secret) throw new ConflictError('no_enrolment', 'Start setting up two-factor sign-in first');
      if (!this.totpMatches(row.totp_pending_secret, code)) throw new InvalidInputError('invalid_second_factor', 'That code is not right; check the time on your phone and try the newest code');
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
      await em.query(`UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = $2 WHERE id = $1`, [
        userId,
        this.totpStep(row.totp_pending_secret, code),
      ]);
      await em.query(`DELETE FROM staff_recovery_codes WHERE user_id = $1`, [userId]);
      await em.query(`INSERT INTO staff_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::bytea[])`, [userId, codes.map((c) => this.hash(c))]);
      return codes;
    });
  }

  /** Checks a TOTP, or spends a recovery code; null when neither. */
  async verify(userId: string, code: string): Promise<SecondFactorProof | null> {
    const [row] = (await this.db.query(`SELECT totp_secret FROM users WHERE id = $1 AND totp_enabled_at IS NOT NULL`, [userId])) as Array<{ totp_secret: string }>;
    if (!row) return null;
    const trimmed = code.replace(/\s+/g, '');
    if (/^\d{6}$/.test(trimmed)) {
      const step = this.totpStep(row.totp_secret, trimmed);
      if (step === null) return null;
      // A code seen once is spent: an onlooker cannot reuse it within its 30 seconds.
      const [, fresh] = (await this.db.query(`UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`, [
        userId,
        step,
      ])) as [unknown[], number];
      return fresh > 0 ? 'totp' : null;
    }
    const [, spent] = (await this.db.query(`UPDATE staff_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`, [
      userId,
      this.hash(normaliseRecoveryCode(trimmed)),
    ])) as [unknown[], number];
    return spent > 0 ? 'recovery_code' : null;
  }

  /** An admin's reset: the seed and recovery codes go; the user sets up again at the next sign-in. */
  async reset(userId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [, updated] = (await em.query(`UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1`, [userId])) as [
        unknown[],
        number,
      ];
      if (updated === 0) throw new NotFoundError('user_not_found', 'No such user');
      await em.query(`DELETE FROM staff_recovery_codes WHERE user_id = $1`, [userId]);
    });
  }

  private totpMatches(sealed: string, code: string): boolean {
    return this.totpStep(sealed, code) !== null;
  }

  /** The time step the code belongs to, or null when it matches none near now. */
  private totpStep(sealed: string, code: string): number | null {
    if (!/^\d{6}$/.test(code)) return null;
    const result = verifySync({ secret: this.box.open(sealed), token: code, epochTolerance: TOTP_TOLERANCE_SECONDS });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private hash(code: string): Buffer {
    return createHmac('sha256', this.hashKey).update(code).digest();
  }
}

/** Ten lower-case base32 characters in two groups (xxxxx-xxxxx): 50 bits, easy to read out and type. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = Array.from(bytes, (b) => alphabet[b % 32]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

function normaliseRecoveryCode(code: string): string {
  const bare = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
}
