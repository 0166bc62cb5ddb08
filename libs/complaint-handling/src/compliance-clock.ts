/** The time the compliance rules run on: injected, so tests drive deadlines without waiting for them. */
export interface ComplianceClock {
  now(): Date;
}

export const COMPLIANCE_CLOCK = Symbol('ComplianceClock');

export const systemClock: ComplianceClock = { now: () => new Date() };

export const complianceClockProvider = { provide: COMPLIANCE_CLOCK, useValue: systemClock };
