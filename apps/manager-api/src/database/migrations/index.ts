import { InitialSchema1764403200000 } from './1764403200000-initial-schema';

/** Every migration, in order. Listed explicitly so the built app and the tests load the same set. */
export const migrations = [InitialSchema1764403200000];
