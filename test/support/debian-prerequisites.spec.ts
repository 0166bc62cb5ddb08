import { DEBIAN_PREREQUISITES, planPrerequisites } from './debian-prerequisites';

const [librdkafka, gcc, dovecot, chromium] = DEBIAN_PREREQUISITES;

describe('planPrerequisites', () => {
  it('does nothing when every package is there', () => {
    expect(planPrerequisites([], { isRoot: true, hasAptGet: true })).toEqual({ kind: 'ready' });
    expect(planPrerequisites([], { isRoot: false, hasAptGet: false })).toEqual({ kind: 'ready' });
  });

  it('installs what is missing, quietly and in one apt-get run, as root with apt-get', () => {
    expect(planPrerequisites([dovecot, chromium], { isRoot: true, hasAptGet: true })).toEqual({
      kind: 'install',
      packages: ['dovecot-imapd', 'chromium'],
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', 'dovecot-imapd', 'chromium'],
      ],
    });
  });

  it('names the exact command when it may not install (not root)', () => {
    const plan = planPrerequisites([librdkafka, gcc], { isRoot: false, hasAptGet: true });
    expect(plan).toEqual({
      kind: 'tell',
      packages: ['librdkafka-dev', 'gcc'],
      message:
        'The tests need librdkafka-dev (the Kafka mock cluster), gcc (to compile the mock cluster launcher), which are missing: run `sudo apt-get install -y librdkafka-dev gcc`.',
    });
  });

  it('names the packages when there is no apt-get to run', () => {
    const plan = planPrerequisites([chromium], { isRoot: true, hasAptGet: false });
    expect(plan).toMatchObject({ kind: 'tell', packages: ['chromium'] });
    expect(plan.kind === 'tell' && plan.message).toBe('The tests need chromium (the browser tests), which is missing: install the Debian/Ubuntu packages chromium (or your system\'s equivalents).');
  });
});
