import { notImplemented } from './stub.ts';

export const parser = notImplemented('arista-mac-json', 'Arista EOS eAPI show mac address-table (JSON)');
