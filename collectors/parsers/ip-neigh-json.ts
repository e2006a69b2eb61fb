import { notImplemented } from './stub.ts';

export const parser = notImplemented('ip-neigh-json', 'Linux ip -j neigh (JSON)');
