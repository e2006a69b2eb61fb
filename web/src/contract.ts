/**
 * The wire types, re-exported from the one place they are defined (server/contract.ts) so web
 * modules import them by a short path. Type-only: nothing from the server reaches the bundle.
 */
export type * from '../../server/contract.ts';
export type { Inventory } from '../../server/model/inventory.ts';
