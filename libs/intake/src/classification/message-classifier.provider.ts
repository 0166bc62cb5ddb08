import type { Provider } from '@nestjs/common';
import { loadClassifier, type MessageClassifier } from '@inbox/complaint-detection';

/** Injection token for the MessageClassifier triage runs every inbound message through. */
export const MESSAGE_CLASSIFIER = Symbol('MessageClassifier');

/** The trained model that ships with the project (libs/complaint-detection/src/classifier, `npm run train:classifier`). */
export const messageClassifierProvider: Provider<MessageClassifier> = {
  provide: MESSAGE_CLASSIFIER,
  useFactory: (): MessageClassifier => loadClassifier(),
};
