import { notImplemented } from './stub.ts';

export const parser = notImplemented('get-netneighbor', 'Get-NetNeighbor | ConvertTo-Json (State/AddressFamily as numbers or names)');
