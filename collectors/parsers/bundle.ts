import { notImplemented } from './stub.ts';

export const parser = notImplemented('bundle', 'teamwatch host bundle (teamwatch.bundle/1): inventory, neighbors and event XML from the Windows collector');
