import { Clock } from '../../apps/manager-api/src/common/clock';

/** A clock tests move by hand. */
export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
