/**
 * Evaluates the shipped classifier on the frozen test sets (libs/complaint-detection/corpus/test-sets: adversarial and
 * frozen held-out) and on the validation set (libs/complaint-detection/corpus/*.heldout.jsonl). Prints complaint recall
 * and precision with 95 % Wilson intervals; exits 1 when either test set misses the targets
 * (COMPLAINT_TARGETS: recall ≥ 0.98, precision ≥ 0.85) or the validation set misses its gate.
 * See docs/classification.md.
 *
 *   npm run eval:classifier
 */
import { readCorpus, readTestSet } from '../libs/complaint-detection/src/classifier/corpus-files';
import {
  VALIDATION_TARGETS,
  evaluateComplaintDetection,
  evaluateHeldOut,
  formatComplaintDetection,
  formatReport,
  loadClassifier,
} from '@inbox/complaint-detection';

const classifier = loadClassifier();

const adversarial = evaluateComplaintDetection(classifier, readTestSet('adversarial'));
const frozen = evaluateComplaintDetection(classifier, readTestSet('frozenHeldOut'));
console.log(formatComplaintDetection('adversarial set (test-sets/adversarial.v1.jsonl)', adversarial));
console.log('');
console.log(formatComplaintDetection('frozen held-out set (test-sets/frozen-heldout.v1.jsonl)', frozen));

const validationSet = readCorpus('heldout');
const validation = evaluateHeldOut(classifier, validationSet);
const validationDetection = evaluateComplaintDetection(classifier, validationSet);
console.log('');
console.log(`validation set (*.heldout.jsonl, tuned against: optimistic): ${validationSet.length} messages; decision thresholds ${JSON.stringify(classifier.decision)}`);
console.log(`  complaint recall    ${validationDetection.recall.value.toFixed(3)} [${validationDetection.recall.low.toFixed(3)}, ${validationDetection.recall.high.toFixed(3)}]`);
console.log(`  complaint precision ${validationDetection.precision.value.toFixed(3)} [${validationDetection.precision.low.toFixed(3)}, ${validationDetection.precision.high.toFixed(3)}]`);
console.log(formatReport(validation.kinds).split('\n').map((l) => `  ${l}`).join('\n'));
console.log(`  product accuracy ${validation.productAccuracy.toFixed(3)}, issue accuracy ${validation.issueAccuracy.toFixed(3)} (complaints and enquiries)`);
console.log(
  `  vulnerability signals: precision ${validation.vulnerability.precision.toFixed(3)}, recall ${validation.vulnerability.recall.toFixed(3)} (${validation.vulnerability.support} labelled)`,
);
console.log(`  gate recall ≥ ${VALIDATION_TARGETS.recall}, precision ≥ ${VALIDATION_TARGETS.precision}: ${validation.meetsTargets ? 'MET' : 'MISSED'}`);

const met = adversarial.meetsTargets && frozen.meetsTargets && validation.meetsTargets;
console.log(`\ntargets on both test sets${met ? '' : ' (or the validation gate)'}: ${met ? 'MET' : 'MISSED'}`);
process.exit(met ? 0 : 1);
