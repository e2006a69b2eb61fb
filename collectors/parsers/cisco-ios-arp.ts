import { notImplemented } from './stub.ts';

export const parser = notImplemented('cisco-ios-arp', 'Cisco IOS / IOS-XE show ip arp, show arp; IOS-XR show arp');
