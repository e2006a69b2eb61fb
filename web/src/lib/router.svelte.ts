/**
 * A small History-API router. The address bar is the state: `path` and `query` mirror it, links
 * inside the app are intercepted (same origin, plain left click, no target/download), and views
 * write their filters back with `setQuery` so every filtered page can be bookmarked and shared.
 */

export type RouteName = 'home' | 'wall' | 'alerts' | 'alert' | 'incident' | 'host' | 'history' | 'silences' | 'patterns' | 'notFound';

export interface Route {
  name: RouteName;
  params: Record<string, string>;
}

const TABLE: [RegExp, RouteName, string[]][] = [
  [/^\/$/, 'home', []],
  [/^\/wall\/?$/, 'wall', []],
  [/^\/alerts\/?$/, 'alerts', []],
  [/^\/alerts\/([^/]+)\/?$/, 'alert', ['id']],
  [/^\/incidents\/([^/]+)\/?$/, 'incident', ['id']],
  [/^\/hosts\/([^/]+)\/?$/, 'host', ['host']],
  [/^\/history\/?$/, 'history', []],
  [/^\/silences\/?$/, 'silences', []],
  [/^\/patterns\/?$/, 'patterns', []],
];

export function matchRoute(path: string): Route {
  for (const [re, name, keys] of TABLE) {
    const m = re.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1] ?? '')));
    } catch {
      return { name: 'notFound', params: {} };
    }
    return { name, params };
  }
  return { name: 'notFound', params: {} };
}

export class Router {
  path = $state('/');
  search = $state('');
  query = $derived(new URLSearchParams(this.search));
  route = $derived(matchRoute(this.path));
  /** Kiosk mode (`?kiosk=1`): no navigation chrome on any page. */
  kiosk = $derived(this.query.get('kiosk') === '1' || this.query.get('kiosk') === 'true');

  constructor(private readonly win: Window) {
    this.#sync();
  }

  #sync(): void {
    this.path = this.win.location.pathname;
    this.search = this.win.location.search;
  }

  /** Starts listening to back/forward and link clicks; returns the stop function. */
  start(): () => void {
    const onPop = () => this.#sync();
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a');
      if (!a || !a.href || a.hasAttribute('download') || (a.target && a.target !== '_self') || a.dataset.native !== undefined) return;
      const url = new URL(a.href);
      if (url.origin !== this.win.location.origin || url.pathname.startsWith('/api/')) return;
      e.preventDefault();
      this.navigate(url.pathname + url.search + url.hash);
    };
    this.win.addEventListener('popstate', onPop);
    this.win.document.addEventListener('click', onClick);
    return () => {
      this.win.removeEventListener('popstate', onPop);
      this.win.document.removeEventListener('click', onClick);
    };
  }

  navigate(to: string, opts: { replace?: boolean } = {}): void {
    const url = new URL(to, this.win.location.href);
    const samePath = url.pathname === this.path;
    const href = url.pathname + url.search + url.hash;
    if (opts.replace) this.win.history.replaceState(null, '', href);
    else this.win.history.pushState(null, '', href);
    this.#sync();
    if (!samePath && !url.hash) this.win.scrollTo(0, 0);
  }

  /** Sets (or with null/'' removes) query parameters, replacing the history entry by default. */
  setQuery(changes: Record<string, string | number | null | undefined>, opts: { push?: boolean } = {}): void {
    const q = new URLSearchParams(this.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '') q.delete(k);
      else q.set(k, String(v));
    }
    const s = q.toString();
    this.navigate(this.path + (s ? `?${s}` : ''), { replace: !opts.push });
  }
}
