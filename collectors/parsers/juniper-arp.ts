import { notImplemented } from './stub.ts';

export const parser = notImplemented('juniper-arp', 'Juniper show arp (no-resolve), CLI text');
