import { PersonalDataController } from './personal-data.controller';
import { RepresentativesController } from './representatives.controller';
import { RetentionController } from './retention.controller';
import { SupportNeedsController } from './support-needs.controller';

/** The HTTP edge of personal data (docs/personal-data.md). */
export const PERSONAL_DATA_CONTROLLERS = [PersonalDataController, SupportNeedsController, RepresentativesController, RetentionController];
