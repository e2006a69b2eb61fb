import { notImplemented } from './stub.ts';

export const parser = notImplemented('juniper-mac-xml', 'Juniper get-ethernet-switching-table-information RPC XML');
