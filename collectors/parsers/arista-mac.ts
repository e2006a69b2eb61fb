import { notImplemented } from './stub.ts';

export const parser = notImplemented('arista-mac', 'Arista EOS show mac address-table (CLI text)');
