import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkLinks, headingAnchors, headingSlug } from './markdown-links';

function repo(files: Record<string, string>): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'links-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

describe('links inside the repository', () => {
  it('gives headings the anchors GitHub gives them', () => {
    expect(headingSlug('Running with Kafka (scale-out)')).toBe('running-with-kafka-scale-out');
    expect(headingSlug('RG 271 compliance')).toBe('rg-271-compliance');
    expect(headingSlug('The agents’ workspace')).toBe('the-agents-workspace');
    expect([...headingAnchors('# Page\n\n## `npm start`\n\n## Tests\n\n### Tests\n')]).toEqual(['page', 'npm-start', 'tests', 'tests-1']);
  });

  it('follows links and images from README.md and docs/ to files and headings, and names each one that leads nowhere', () => {
    const { root, remove } = repo({
      'README.md': [
        '# Inbox',
        '',
        'See [channels](docs/channels.md), [Twilio](docs/channels.md#twilio-sms), [settings](config/example.env),',
        '[the site](https://example.com/x.md) and [below](#inbox).',
        '',
        '![queue](docs/screenshots/queue.png)',
        '',
        'Dead: [gone](docs/gone.md), [no heading](docs/channels.md#telegram), [here](#nowhere).',
      ].join('\n'),
      'docs/channels.md': '# Channels\n\n## Twilio: SMS\n\nBack to [the README](../README.md#inbox); out: [shared](../../shared/SPEC.md).\n',
      'docs/screenshots/queue.png': 'png',
      'config/example.env': 'PORT=3000',
    });
    try {
      const problems = checkLinks(root, ['README.md', 'docs/channels.md']).map((p) => `${p.file}:${p.line} ${p.href}: ${p.reason}`);
      expect(problems).toEqual([
        'README.md:8 docs/gone.md: no file docs/gone.md',
        'README.md:8 docs/channels.md#telegram: docs/channels.md has no heading #telegram',
        'README.md:8 #nowhere: README.md has no heading #nowhere',
        'docs/channels.md:5 ../../shared/SPEC.md: leads outside the repository',
      ]);
    } finally {
      remove();
    }
  });
});
