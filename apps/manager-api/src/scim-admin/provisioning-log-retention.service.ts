import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { autonomousWrite } from '../database/transactions';
import { ProvisioningEvent } from './provisioning-event.entity';

const DAY_MS = 24 * 3_600_000;
export const RETENTION_INTERVAL_MS = 6 * 3_600_000;
// Small batches: on SQLite a delete blocks the process (better-sqlite3 is synchronous) and holds the write lock.
const BATCH = 5_000;

/**
 * Deletes provisioning events older than PROVISIONING_LOG_RETENTION_DAYS: once at start (in the background, so a
 * large backlog does not delay start-up), then every 6 hours. With several app processes each one purges; the
 * deletes are idempotent.
 */
@Injectable()
export class ProvisioningLogRetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProvisioningLogRetentionService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.purgeSafely();
    this.timer = setInterval(() => void this.purgeSafely(), RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer and lets a running purge end after its current batch, before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /**
   * Deletes the events older than the retention period before `now`; returns how many. One run at a time: a
   * call while a purge runs gets that purge's result.
   */
  purge(now: Date = this.clock.now()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.provisioningLogRetentionDays * DAY_MS);
    this.running ??= this.deleteBefore(cutoff).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async purgeSafely(): Promise<void> {
    try {
      const deleted = await this.purge();
      const days = this.config.provisioningLogRetentionDays;
      if (deleted > 0) this.logger.log(`Deleted ${deleted} provisioning events older than ${days} days`);
    } catch (error) {
      this.logger.error(`Provisioning log retention failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async deleteBefore(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const affected = await autonomousWrite(this.dataSource, async (manager) => {
        const result = await manager
          .createQueryBuilder()
          .delete()
          .from(ProvisioningEvent)
          .where(`id IN (SELECT id FROM provisioning_events WHERE at < :cutoff LIMIT ${BATCH})`, { cutoff })
          .execute();
        return result.affected ?? 0;
      });
      total += affected;
      if (affected < BATCH || this.stopped) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
