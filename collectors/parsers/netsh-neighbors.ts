import { notImplemented } from './stub.ts';

export const parser = notImplemented('netsh-neighbors', 'netsh interface ipv4/ipv6 show neighbors');
