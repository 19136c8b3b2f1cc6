/** The time source of the app; tests replace it to move through token grace periods and expiry. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
