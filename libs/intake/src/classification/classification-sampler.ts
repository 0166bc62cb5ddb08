import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, PeriodicJob, ScheduledService, type AppConfig } from '@inbox/platform';
import { ClassificationReviewService } from './classification-review.service';

/**
 * Draws each completed day's review sample of not-a-complaint decisions (ClassificationReviewService),
 * looking for due days as often as the deadline scheduler looks for deadlines. Any number of processes may
 * run it: a day is drawn once (its row in classification_samples, taken under a lock).
 */
@Injectable()
export class ClassificationSampler extends ScheduledService {
  private readonly logger = new Logger(ClassificationSampler.name);
  protected readonly job: PeriodicJob;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly reviews: ClassificationReviewService,
  ) {
    super();
    this.job = new PeriodicJob({ name: 'classification review sampling', intervalMs: config.compliance.schedulerIntervalMs, logger: this.logger }, () => this.drawDueSamples());
  }

  /** One round; rounds never overlap. */
  tick(): Promise<void> {
    return this.job.runOnce();
  }

  private async drawDueSamples(): Promise<void> {
    for (const sample of await this.reviews.sampleDueDays()) {
      this.logger.log({ msg: 'classification review sample drawn', day: sample.day, population: sample.population, sampled: sample.sampled });
    }
  }
}
