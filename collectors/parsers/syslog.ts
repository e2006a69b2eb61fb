import { notImplemented } from './stub.ts';

export const parser = notImplemented('syslog', 'Switch syslog lines, RFC 3164 and RFC 5424 (Cisco IOS MACFLAP, NX-OS L2FM MAC move/flap, Arista, Juniper)');
