/** What every view needs, handed down once through Svelte context (no module singletons). */
import { getContext, setContext } from 'svelte';
import type { Api } from '../state/api.ts';
import type { Auth } from '../state/auth.ts';
import type { LiveState } from '../state/live.svelte.ts';
import type { Clock } from './clock.svelte.ts';
import type { Router } from './router.svelte.ts';

export interface AppContext {
  api: Api;
  auth: Auth;
  live: LiveState;
  clock: Clock;
  router: Router;
}

const KEY = Symbol('teamwatch');

export function provideApp(ctx: AppContext): void {
  setContext(KEY, ctx);
}

export function useApp(): AppContext {
  const ctx = getContext<AppContext | undefined>(KEY);
  if (!ctx) throw new Error('useApp() called outside the app');
  return ctx;
}
