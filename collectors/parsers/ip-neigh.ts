import { notImplemented } from './stub.ts';

export const parser = notImplemented('ip-neigh', 'Linux ip neigh / ip neighbor show (text)');
