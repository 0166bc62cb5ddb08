import { Module } from '@nestjs/common';
import { ComplaintHandlingModule } from '@inbox/complaint-handling';
import { CustomerErasureService } from './customer-erasure.service';
import { CustomerExportService } from './customer-export.service';
import { LegalHoldsService } from './legal-holds.service';
import { RepresentativesService } from './representatives.service';
import { RetentionScheduler } from './retention-scheduler';
import { RetentionService } from './retention.service';
import { SupportNeedsService } from './support-needs.service';

/** The personal-data services the gateway's controllers call. */
export const PERSONAL_DATA_SERVICES = [CustomerErasureService, CustomerExportService, LegalHoldsService, SupportNeedsService, RepresentativesService, RetentionService];

/** Customers' personal data: export, erasure, retention, legal holds, representatives, support needs. */
@Module({ imports: [ComplaintHandlingModule], providers: PERSONAL_DATA_SERVICES, exports: PERSONAL_DATA_SERVICES })
export class PersonalDataModule {}

/** The retention sweep, run by one leader in the triage role. */
@Module({ imports: [PersonalDataModule], providers: [RetentionScheduler] })
export class RetentionWorkerModule {}
