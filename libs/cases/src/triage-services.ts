import { IncidentLinker } from './incidents/incident-linker';
import { MESSAGE_CLASSIFIER, messageClassifierProvider } from './triage/message-classifier.provider';

const TRIAGE_CLASSES = [IncidentLinker];

/** Triage rules around intake: classification, merges and suggestions, customer profiles, incidents. */
export const TRIAGE_PROVIDERS = [messageClassifierProvider, ...TRIAGE_CLASSES];
export const TRIAGE_EXPORTS = [MESSAGE_CLASSIFIER, ...TRIAGE_CLASSES];
