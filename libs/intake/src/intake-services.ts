import { CaseMergeService, CaseSplitService, SplitSuggestionsService } from './case-split';
import { CustomerMergeService } from './customers/customer-merge.service';
import { CustomerProfileService } from './customers/customer-profile.service';
import { MergeSuggestionsService } from './customers/merge-suggestions.service';
import { IncidentLinker } from './incidents/incident-linker';
import { IncidentsService } from './incidents/incidents.service';
import { ClassificationCorrectionService } from './classification/classification-correction.service';
import { ClassificationReviewService } from './classification/classification-review.service';
import { MESSAGE_CLASSIFIER, messageClassifierProvider } from './classification/message-classifier.provider';

const TRIAGE_CLASSES = [
  IncidentLinker,
  IncidentsService,
  CustomerMergeService,
  MergeSuggestionsService,
  CustomerProfileService,
  ClassificationCorrectionService,
  ClassificationReviewService,
  CaseSplitService,
  CaseMergeService,
  SplitSuggestionsService,
];

/** Triage rules around intake: classification, merges and suggestions, case splits and merges, customer profiles, incidents. */
export const TRIAGE_PROVIDERS = [messageClassifierProvider, ...TRIAGE_CLASSES];
export const TRIAGE_EXPORTS = [MESSAGE_CLASSIFIER, ...TRIAGE_CLASSES];
