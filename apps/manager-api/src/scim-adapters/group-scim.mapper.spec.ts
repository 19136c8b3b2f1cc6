import { StoreValidationError } from '@app/scim/ports/store-errors';
import type { ScimResource } from '@app/scim/schema/attribute';
import { newGroup } from '../groups/groups.service';
import { Group } from '../groups/group.entity';
import { groupToScim, memberDisplay, scimMemberIds, scimToGroupFields } from './group-scim.mapper';

const NOW = new Date('2025-01-02T03:04:05.678Z');

function group(overrides: Partial<Group> = {}): Group {
  return Object.assign(newGroup('customer-1', 'Sales Team', 'scim', NOW), { version: 1 }, overrides);
}

function validationError(run: () => unknown): StoreValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof StoreValidationError) return error;
    throw error;
  }
  throw new Error('expected a StoreValidationError');
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.some(containsNull);
  if (typeof value === 'object') return Object.values(value as object).some(containsNull);
  return false;
}

const ada = { userId: 'u1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' };

describe(groupToScim.name, () => {
  it('renders name, externalId and the loaded members', () => {
    const bare = { userId: 'u2', firstName: '', lastName: '', email: 'bare@example.com' };
    expect(groupToScim(group({ externalId: 'ext-1' }), [ada, bare])).toEqual({
      displayName: 'Sales Team',
      externalId: 'ext-1',
      members: [
        { value: 'u1', display: 'Ada Lovelace', type: 'User' },
        { value: 'u2', display: 'bare@example.com', type: 'User' },
      ],
    });
  });

  it('has no members attribute when the members were not loaded, or there are none', () => {
    expect(groupToScim(group())).toEqual({ displayName: 'Sales Team' });
    expect(groupToScim(group(), [])).toEqual({ displayName: 'Sales Team' });
  });

  it('never emits null', () => {
    const rendered = groupToScim(group({ externalId: null }), [{ ...ada, lastName: '' }]);
    expect(containsNull(rendered)).toBe(false);
    expect(rendered).not.toHaveProperty('externalId');
  });
});

describe(memberDisplay.name, () => {
  it.each([
    ['Ada', 'Lovelace', 'Ada Lovelace'],
    ['Ada', '', 'Ada'],
    ['', 'Lovelace', 'Lovelace'],
    ['', '', 'ada@example.com'],
  ])('%j %j → %j', (firstName, lastName, display) => {
    expect(memberDisplay({ firstName, lastName, email: 'ada@example.com' })).toBe(display);
  });
});

describe(scimToGroupFields.name, () => {
  it('maps displayName and externalId, ignoring everything else', () => {
    const body: ScimResource = {
      displayName: 'Sales Team',
      externalId: 'ext-1',
      members: [{ value: 'u1' }],
      'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group': {},
      meta: { resourceType: 'Group' },
    };
    expect(scimToGroupFields(body)).toEqual({ name: 'Sales Team', externalId: 'ext-1' });
  });

  it('makes an absent or empty externalId null', () => {
    expect(scimToGroupFields({ displayName: 'G' }).externalId).toBeNull();
    expect(scimToGroupFields({ displayName: 'G', externalId: '' }).externalId).toBeNull();
    expect(scimToGroupFields({ displayName: 'G', externalId: null }).externalId).toBeNull();
  });

  it.each([
    ['a missing displayName', {}, 'displayName'],
    ['an empty displayName', { displayName: '' }, 'displayName'],
    ['a blank displayName', { displayName: '   ' }, 'displayName'],
    ['a non-string displayName', { displayName: 42 }, 'displayName'],
    ['a non-string externalId', { displayName: 'G', externalId: 7 }, 'externalId'],
  ])('rejects %s', (_label, attributes, attribute) => {
    expect(validationError(() => scimToGroupFields(attributes)).attribute).toBe(attribute);
  });

  it.each([
    ['displayName', 200, (v: string) => ({ displayName: v })],
    ['externalId', 255, (v: string) => ({ displayName: 'G', externalId: v })],
  ])('%s accepts %i characters and rejects one more', (attribute, limit, build) => {
    expect(() => scimToGroupFields(build('x'.repeat(limit)))).not.toThrow();
    const error = validationError(() => scimToGroupFields(build('x'.repeat(limit + 1))));
    expect(error.attribute).toBe(attribute);
    expect(error.message).toContain(String(limit));
  });

  it('counts characters, not UTF-16 units', () => {
    expect(scimToGroupFields({ displayName: '😀'.repeat(200) }).name).toHaveLength(400);
  });

  it('rejects a name whose case key would not fit the key column', () => {
    // "İ" lower-cases to "i" + a combining dot: 200 characters become 400.
    expect(validationError(() => scimToGroupFields({ displayName: 'İ'.repeat(200) })).attribute).toBe('displayName');
  });

  it('round-trips a rendered group', () => {
    const original = group({ externalId: 'e' });
    expect(scimToGroupFields(groupToScim(original, [ada]))).toEqual({ name: original.name, externalId: 'e' });
  });
});

describe(scimMemberIds.name, () => {
  it('reads the values, distinct and in order, ignoring display, type and $ref', () => {
    const members = [
      { value: 'u2', display: 'x', $ref: null },
      { value: 'u1', type: 'User' },
      { value: 'u2' },
    ];
    expect(scimMemberIds({ displayName: 'G', members })).toEqual(['u2', 'u1']);
  });

  it('reads no members when there is no list', () => {
    expect(scimMemberIds({ displayName: 'G' })).toEqual([]);
    expect(scimMemberIds({ displayName: 'G', members: null })).toEqual([]);
    expect(scimMemberIds({ displayName: 'G', members: [] })).toEqual([]);
  });

  it.each([
    ['a list that is not one', 'u1'],
    ['an element without value', [{ display: 'Ada' }]],
    ['a non-string value', [{ value: 7 }]],
    ['an empty value', [{ value: '' }]],
  ])('rejects %s', (_label, members) => {
    expect(validationError(() => scimMemberIds({ displayName: 'G', members })).attribute).toBe('members');
  });
});
