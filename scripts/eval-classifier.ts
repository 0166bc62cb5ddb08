/**
 * Evaluates the shipped classifier model on the held-out corpus (libs/triage/corpus/*.heldout.jsonl)
 * and exits non-zero when the RG 271 complaint targets (recall ≥ 0.95, precision ≥ 0.85) are missed.
 *
 *   npm run eval:classifier
 */
import { readCorpus } from '../libs/triage/src/classifier/corpus-files';
import { COMPLAINT_TARGETS, evaluateHeldOut, formatReport, loadClassifier } from '@inbox/triage';

const heldOut = readCorpus('heldout');
const classifier = loadClassifier();
const result = evaluateHeldOut(classifier, heldOut);
const count = (lang: string) => heldOut.filter((e) => e.lang === lang).length;

console.log(`held-out set: ${heldOut.length} messages (en ${count('en')}, ru ${count('ru')}); complaint threshold ${classifier.complaintThreshold}`);
console.log('');
console.log(formatReport(result.kinds));
for (const [lang, report] of Object.entries(result.byLanguage)) {
  const c = report.perClass.find((m) => m.label === 'complaint')!;
  console.log(`\n${lang}: accuracy ${report.accuracy.toFixed(3)}, complaint recall ${c.recall.toFixed(3)}, precision ${c.precision.toFixed(3)}`);
}
console.log('');
console.log(`product accuracy ${result.productAccuracy.toFixed(3)}, issue accuracy ${result.issueAccuracy.toFixed(3)} (complaints and enquiries)`);
console.log(
  `vulnerability signals: precision ${result.vulnerability.precision.toFixed(3)}, recall ${result.vulnerability.recall.toFixed(3)} (${result.vulnerability.support} labelled)`,
);
const verdict = result.meetsTargets ? 'MET' : 'MISSED';
console.log(
  `\ncomplaint recall ${result.complaint.recall.toFixed(3)} (target ≥ ${COMPLAINT_TARGETS.recall}), ` +
    `precision ${result.complaint.precision.toFixed(3)} (target ≥ ${COMPLAINT_TARGETS.precision}): ${verdict}`,
);
process.exit(result.meetsTargets ? 0 : 1);
