import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '../common/clock';
import { autonomousWrite } from '../database/transactions';
import { ScimConnection } from '../scim-admin/scim-connection.entity';
import { ScimToken } from '../scim-admin/scim-token.entity';

const FLUSH_EVERY_MS = 15_000;

/**
 * When tokens and connections were last used, without a database write per SCIM request: uses are noted
 * in memory and written at most every 15 s (and on shutdown), one UPDATE per token and connection.
 */
@Injectable()
export class ScimUsageRecorder implements OnModuleDestroy {
  private readonly logger = new Logger(ScimUsageRecorder.name);
  private readonly tokens = new Map<string, Date>();
  private readonly connections = new Map<string, Date>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.timer = setInterval(() => void this.flush().catch((e: unknown) => this.logger.warn(`usage flush failed: ${String(e)}`)), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  noteUse(tokenId: string, connectionId: string): void {
    const now = this.clock.now();
    this.tokens.set(tokenId, now);
    this.connections.set(connectionId, now);
  }

  /** Writes the noted uses now (status reads call it so they reflect the latest traffic). */
  async flush(): Promise<void> {
    if (this.tokens.size === 0 && this.connections.size === 0) return;
    const tokens = [...this.tokens];
    const connections = [...this.connections];
    this.tokens.clear();
    this.connections.clear();
    await autonomousWrite(this.dataSource, async (manager) => {
      for (const [id, at] of tokens) await manager.update(ScimToken, { id }, { lastUsedAt: at });
      for (const [id, at] of connections) await manager.update(ScimConnection, { id }, { lastRequestAt: at });
    });
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch((e: unknown) => this.logger.warn(`usage flush failed: ${String(e)}`));
  }
}
