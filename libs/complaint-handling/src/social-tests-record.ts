import { socialTestsVerdict, type SocialMediaTests } from '@inbox/compliance';

/** The social-media tests as a case keeps them (case_compliance.social_tests): the answers, the verdict, who and why. */
export type SocialTestsRecord = SocialMediaTests & {
  verdict: ReturnType<typeof socialTestsVerdict>;
  meetsDefinition: boolean;
  recordedBy: string;
  why: string;
};

/** New answers over the ones recorded before (an unanswered test keeps its earlier answer), with the verdict they give. */
export function socialTestsRecord(previous: Partial<SocialMediaTests> | null, tests: Partial<SocialMediaTests>, recordedBy: string, why: string): SocialTestsRecord {
  const merged: SocialMediaTests = {
    aboutTheFirm: tests.aboutTheFirm ?? previous?.aboutTheFirm ?? null,
    onChannelFirmControls: tests.onChannelFirmControls ?? previous?.onChannelFirmControls ?? null,
    authorIdentifiable: tests.authorIdentifiable ?? previous?.authorIdentifiable ?? null,
    authorContactable: tests.authorContactable ?? previous?.authorContactable ?? null,
  };
  const verdict = socialTestsVerdict(merged);
  return { ...merged, verdict, meetsDefinition: verdict === 'meets', recordedBy, why };
}

/** Whether recording these tests starts or stops a complaint's RG 271 clock: a verdict that does not fail wants one. */
export function socialTestsMoveClock(record: SocialTestsRecord, c: { kind: string; respond_by: Date | null }): boolean {
  return c.kind === 'complaint' && (record.verdict !== 'fails') === (c.respond_by === null);
}
