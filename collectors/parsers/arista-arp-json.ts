import { notImplemented } from './stub.ts';

export const parser = notImplemented('arista-arp-json', 'Arista EOS eAPI show arp (JSON)');
