import type { Provider } from '@nestjs/common';
import { InterimRuleClassifier, type MessageClassifier } from '@inbox/triage';

/** Injection token for the MessageClassifier triage runs every inbound message through. */
export const MESSAGE_CLASSIFIER = Symbol('MessageClassifier');

/**
 * INTERIM: the rule-based classifier, until the trained model from branch
 * `classifier` is merged — the integrator replaces the factory with
 * `loadClassifier()` from @inbox/triage; nothing else changes.
 */
export const messageClassifierProvider: Provider<MessageClassifier> = {
  provide: MESSAGE_CLASSIFIER,
  useFactory: (): MessageClassifier => new InterimRuleClassifier(),
};
