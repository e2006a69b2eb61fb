import { notImplemented } from './stub.ts';

export const parser = notImplemented('unix-arp', 'Linux/BSD/macOS/AIX/Solaris arp -a, arp -an, arp (table) and /proc/net/arp');
