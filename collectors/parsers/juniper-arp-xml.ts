import { notImplemented } from './stub.ts';

export const parser = notImplemented('juniper-arp-xml', 'Juniper get-arp-table-information RPC XML');
