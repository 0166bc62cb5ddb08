import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { ClassificationReviewService } from './classification-review.service';

/**
 * Draws each completed day's review sample of not-a-complaint decisions (ClassificationReviewService),
 * looking for due days as often as the deadline scheduler looks for deadlines. Any number of processes may
 * run it: a day is drawn once (its row in classification_samples, taken under a lock).
 */
@Injectable()
export class ClassificationSampler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClassificationSampler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reviews: ClassificationReviewService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.compliance.schedulerIntervalMs);
    this.timer.unref();
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round; rounds never overlap. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        for (const sample of await this.reviews.sampleDueDays()) {
          this.logger.log({ msg: 'classification review sample drawn', day: sample.day, population: sample.population, sampled: sample.sampled });
        }
      } catch (error) {
        this.logger.warn({ msg: 'classification review sampling failed; will retry', err: error });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
