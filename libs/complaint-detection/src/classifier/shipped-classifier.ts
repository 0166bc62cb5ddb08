import shippedModel from './classifier-model.json';
import { TrainedMessageClassifier, assertModelFile } from './message-classifier';

let loaded: TrainedMessageClassifier | undefined;

/**
 * The model that ships with the project (written by `npm run train:classifier`).
 * Imported as JSON so tsc copies it into dist/ and jest loads it as is; decoded once.
 */
export function loadClassifier(): TrainedMessageClassifier {
  loaded ??= new TrainedMessageClassifier(assertModelFile(shippedModel));
  return loaded;
}
