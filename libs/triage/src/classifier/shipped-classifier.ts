import shippedModel from './classifier-model.json';
import { MessageClassifier, assertModelFile } from './message-classifier';

let loaded: MessageClassifier | undefined;

/**
 * The model that ships with the project (written by `npm run train:classifier`).
 * Imported as JSON so tsc copies it into dist/ and jest loads it as is; decoded once.
 */
export function loadClassifier(): MessageClassifier {
  loaded ??= new MessageClassifier(assertModelFile(shippedModel));
  return loaded;
}
