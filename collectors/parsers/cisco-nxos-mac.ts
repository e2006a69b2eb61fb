import { notImplemented } from './stub.ts';

export const parser = notImplemented('cisco-nxos-mac', 'Cisco NX-OS show mac address-table');
