import { notImplemented } from './stub.ts';

export const parser = notImplemented('cisco-ios-mac', 'Cisco IOS show mac address-table (modern, 6500-style, old show mac-address-table)');
