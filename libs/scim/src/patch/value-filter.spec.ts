import { parseFilter } from '../query/filter-parser';
import { defineAttribute } from '../schema/attribute';
import { SchemaRegistry } from '../schema/schema-registry';
import { matchesElement } from './value-filter';

const users = SchemaRegistry.create().resourceType('User');
const emails = users.resolveAttribute('emails')!.attribute;
const members = SchemaRegistry.create().resourceType('Group').resolveAttribute('members')!.attribute;
const stamps = defineAttribute('stamps', 'Test', {
  type: 'complex',
  multiValued: true,
  subAttributes: [defineAttribute('at', 'When', { type: 'dateTime' }), defineAttribute('n', 'Count', { type: 'integer' })],
});
const tags = defineAttribute('tags', 'Simple multi-valued', { multiValued: true, caseExact: true });

const work = { value: 'Alice@Example.com', type: 'work', primary: true };

describe(matchesElement.name, () => {
  it.each([
    ['type eq "work"', true],
    ['TYPE EQ "WORK"', true],
    ['type ne "work"', false],
    ['type eq "home"', false],
    ['value eq "alice@example.com"', true],
    ['value co "@EXAMPLE"', true],
    ['value sw "alice"', true],
    ['value ew ".COM"', true],
    ['value co "nope"', false],
    ['primary eq true', true],
    ['primary eq false', false],
    ['primary ne false', true],
    ['value pr', true],
    ['display pr', false],
    ['nickName eq "x"', false],
    ['nickName eq null', false],
    ['value ne null', true],
    ['type eq "work" and primary eq true', true],
    ['type eq "home" or value sw "a"', true],
    ['not (type eq "home")', true],
    ['value gt "a"', true],
    ['value lt "a"', false],
    ['primary gt true', false],
    ['type eq 1', false],
    ['type ne 1', true],
  ])('emails element with %s → %s', (text, expected) => {
    expect(matchesElement(parseFilter(text), work, emails)).toBe(expected);
  });

  it.each([
    ['type eq null', true],
    ['type ne null', false],
    ['type pr', false],
    ['type ne "work"', true],
  ])('an absent sub-attribute: %s → %s', (text, expected) => {
    expect(matchesElement(parseFilter(text), { value: 'x' }, emails)).toBe(expected);
  });

  it.each([
    ['value eq "abc"', true],
    ['value eq "ABC"', false],
  ])('members.value is caseExact: %s → %s', (text, expected) => {
    expect(matchesElement(parseFilter(text), { value: 'abc' }, members)).toBe(expected);
  });

  it.each([
    ['at gt "2025-01-01T00:00:00Z"', true],
    ['at lt "2025-06-01T12:00:00+02:00"', false],
    ['at le "2025-06-01T10:00:00Z"', true],
    ['n ge 3', true],
    ['n lt 3', false],
  ])('orders dates and numbers: %s → %s', (text, expected) => {
    expect(matchesElement(parseFilter(text), { at: '2025-06-01T10:00:00Z', n: 3 }, stamps)).toBe(expected);
  });

  it.each([
    ['value eq "Blue"', true],
    ['value eq "blue"', false],
    ['type eq "Blue"', false],
  ])('simple multi-valued elements: %s → %s', (text, expected) => {
    expect(matchesElement(parseFilter(text), 'Blue', tags)).toBe(expected);
  });

  it('does not match qualified, nested or value-path operands', () => {
    expect(matchesElement(parseFilter('emails.value eq "x"'), work, emails)).toBe(false);
    expect(matchesElement(parseFilter('emails[type eq "work"]'), work, emails)).toBe(false);
  });
});
