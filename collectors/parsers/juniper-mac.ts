import { notImplemented } from './stub.ts';

export const parser = notImplemented('juniper-mac', 'Juniper show ethernet-switching table (CLI text, ELS and legacy)');
