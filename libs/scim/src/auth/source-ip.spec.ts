import { isAllowedSource, isCidr } from './source-ip';

describe(isAllowedSource.name, () => {
  it.each([
    ['10.1.2.3', ['10.0.0.0/8'], true],
    ['::ffff:10.1.2.3', ['10.0.0.0/8'], true],
    ['11.1.2.3', ['10.0.0.0/8'], false],
    ['127.0.0.1', ['127.0.0.1'], true],
    ['127.0.0.2', ['127.0.0.1'], false],
    ['2001:db8::1', ['2001:db8::/32'], true],
    ['2001:db9::1', ['2001:db8::/32'], false],
    ['10.1.2.3', [], true],
    ['10.1.2.3', undefined, true],
    [undefined, ['10.0.0.0/8'], false],
    ['not-an-ip', ['10.0.0.0/8'], false],
  ])('%s in %j → %s', (address, cidrs, allowed) => expect(isAllowedSource(address, cidrs)).toBe(allowed));
});

describe(isCidr.name, () => {
  it.each(['10.0.0.0/8', '192.168.1.1', '2001:db8::/32', '::1', '0.0.0.0/0'])('accepts %s', (c) => expect(isCidr(c)).toBe(true));
  it.each(['10.0.0.0/33', '10.0.0/8', 'x', '2001:db8::/129', '10.0.0.0/8/1', '10.0.0.0/-1', ''])('refuses %s', (c) =>
    expect(isCidr(c)).toBe(false),
  );
});
