import { notImplemented } from './stub.ts';

export const parser = notImplemented('arista-arp', 'Arista EOS show ip arp / show arp (CLI text)');
