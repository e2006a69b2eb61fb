import { notImplemented } from './stub.ts';

export const parser = notImplemented('cisco-nxos-arp', 'Cisco NX-OS show ip arp (incl. detail, vrf all)');
