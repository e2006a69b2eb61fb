import { notImplemented } from './stub.ts';

export const parser = notImplemented('windows-arp', 'Windows arp -a (any language, CRLF, UTF-16LE)');
