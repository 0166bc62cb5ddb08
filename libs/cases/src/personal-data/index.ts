export * from './personal-content.scrubber';
export * from './customer-erasure.service';
export * from './customer-export.service';
export * from './legal-holds.service';
export * from './support-needs.service';
export * from './representatives.service';
export * from './retention.service';
export * from './retention-scheduler';

import { CustomerErasureService } from './customer-erasure.service';
import { CustomerExportService } from './customer-export.service';
import { LegalHoldsService } from './legal-holds.service';
import { RepresentativesService } from './representatives.service';
import { RetentionService } from './retention.service';
import { SupportNeedsService } from './support-needs.service';

/** The personal-data services the gateway's controllers call. */
export const PERSONAL_DATA_SERVICES = [CustomerErasureService, CustomerExportService, LegalHoldsService, SupportNeedsService, RepresentativesService, RetentionService];
