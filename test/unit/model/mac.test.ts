import { describe, expect, it } from 'vitest';
import { isNonHostMac, macToCisco, macToHyperV, normalizeMac } from '../../../server/model/mac.ts';

describe('normalizeMac', () => {
  it.each([
    ['00-15-5D-01-02-03', '00:15:5d:01:02:03'],
    ['00155D010203', '00:15:5d:01:02:03'],
    ['0015.5d01.0203', '00:15:5d:01:02:03'],
    ['00:15:5d:01:02:03', '00:15:5d:01:02:03'],
    ['0:15:5d:1:2:3', '00:15:5d:01:02:03'],
    ['00155d-010203', '00:15:5d:01:02:03'],
    [' BC:AC:0A:CA:CA:30 ', 'bc:ac:0a:ca:ca:30'],
  ])('reads %s', (input, expected) => expect(normalizeMac(input)).toBe(expected));

  it.each(['', 'jenn.3057.8423', '00-15-5D-01-02', '00155D0102030', 'zz:zz:zz:zz:zz:zz', '(incomplete)'])(
    'refuses %j',
    (input) => expect(normalizeMac(input)).toBeNull(),
  );

  it('refuses non-strings', () => {
    expect(normalizeMac(12)).toBeNull();
    expect(normalizeMac(null)).toBeNull();
  });
});

describe('MAC helpers', () => {
  it('knows which addresses never identify one host', () => {
    expect(isNonHostMac('ff:ff:ff:ff:ff:ff')).toBe(true);
    expect(isNonHostMac('01:00:5e:00:00:fc')).toBe(true);
    expect(isNonHostMac('33:33:00:00:00:01')).toBe(true);
    expect(isNonHostMac('00:00:00:00:00:00')).toBe(true);
    expect(isNonHostMac('00:15:5d:01:02:03')).toBe(false);
  });
  it('renders vendor forms', () => {
    expect(macToHyperV('00:15:5d:01:02:03')).toBe('00155D010203');
    expect(macToCisco('00:15:5d:01:02:03')).toBe('0015.5d01.0203');
  });
});
