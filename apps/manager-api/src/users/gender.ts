import { Gender } from './user.entity';

const SYNONYMS: Readonly<Record<string, Gender>> = {
  female: 'female', f: 'female', w: 'female', woman: 'female', weiblich: 'female', frau: 'female',
  male: 'male', m: 'male', man: 'male', männlich: 'male', maennlich: 'male', mann: 'male',
  diverse: 'diverse', d: 'diverse', divers: 'diverse', 'non-binary': 'diverse', nonbinary: 'diverse', other: 'diverse',
  unspecified: 'unspecified', u: 'unspecified', x: 'unspecified', unknown: 'unspecified', 'not specified': 'unspecified',
};

/** Maps a gender as people and IdPs write it (case-insensitive, common synonyms) to ours; `undefined` if unknown. */
export function parseGender(text: string): Gender | undefined {
  return SYNONYMS[text.trim().toLowerCase()];
}
