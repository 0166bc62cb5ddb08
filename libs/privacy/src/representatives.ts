import { InvalidInputError, REPRESENTATIVE_RELATIONSHIPS, REPRESENTATIVE_SCOPES, type RepresentativeDetails, type RepresentativeRelationship, type RepresentativeScope } from '@inbox/contracts';

export interface RepresentativeInput extends RepresentativeDetails {
  caseId?: string | null;
}

/** Channels a reply can reach a representative on without them having written first. */
export const REPRESENTATIVE_CHANNELS = ['email', 'sms'] as const;

/**
 * A representative checked: who, their authority (the evidence seen — a
 * signed authority, a power of attorney), its scope, and an address to reply to.
 */
export function validateRepresentative(input: RepresentativeInput): Required<Omit<RepresentativeInput, 'caseId'>> & { caseId: string | null; relationship: RepresentativeRelationship; scope: RepresentativeScope } {
  const name = (input.name ?? '').trim();
  if (!name || name.length > 200) throw new InvalidInputError('representative_name_required', 'The representative’s name (1–200 characters)');
  if (!(REPRESENTATIVE_RELATIONSHIPS as readonly string[]).includes(input.relationship)) throw new InvalidInputError('unknown_relationship', `Relationship is one of ${REPRESENTATIVE_RELATIONSHIPS.join(', ')}`);
  if (!(REPRESENTATIVE_SCOPES as readonly string[]).includes(input.scope)) throw new InvalidInputError('unknown_scope', `Scope is one of ${REPRESENTATIVE_SCOPES.join(', ')}`);
  if (!(REPRESENTATIVE_CHANNELS as readonly string[]).includes(input.channel)) throw new InvalidInputError('representative_channel', 'A representative is reached by email or sms');
  const address = (input.address ?? '').trim();
  const looksRight = input.channel === 'email' ? /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(address) : /^\+[1-9]\d{6,14}$/.test(address);
  if (!looksRight) throw new InvalidInputError('representative_address', input.channel === 'email' ? 'An email address' : 'A phone number in international form (+61…)');
  const evidence = (input.evidence ?? '').trim();
  if (!evidence || evidence.length > 1_000) throw new InvalidInputError('evidence_required', 'Describe the evidence of their authority (1–1000 characters)');
  const caseId = input.caseId ?? null;
  if ((input.scope === 'one_case') !== (caseId !== null)) throw new InvalidInputError('scope_case', 'A one-case authority names its case; the others name none');
  return { name, relationship: input.relationship as RepresentativeRelationship, channel: input.channel, address: input.channel === 'email' ? address.toLowerCase() : address, evidence, scope: input.scope as RepresentativeScope, caseId };
}
