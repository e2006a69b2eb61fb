/**
 * Where the page's bearer token comes from. A `?token=` in the address (the kiosk link carries a
 * view-only one) wins for this tab: it is kept in sessionStorage and removed from the address bar so
 * it does not end up in screenshots, bookmarks or referrers. Otherwise `localStorage.teamwatchToken`
 * is used. The token goes on every request (reads may need it when the server is configured so) and
 * on the socket handshake.
 */
const KEY = 'teamwatchToken';
const USER_KEY = 'teamwatchUser';

export class Auth {
  #token: string | null = null;

  constructor(win: Window) {
    const url = new URL(win.location.href);
    const fromUrl = url.searchParams.get('token');
    if (fromUrl) {
      this.#token = fromUrl;
      safe(() => win.sessionStorage.setItem(KEY, fromUrl));
      url.searchParams.delete('token');
      win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    } else {
      this.#token = safe(() => win.sessionStorage.getItem(KEY)) ?? safe(() => win.localStorage.getItem(KEY)) ?? null;
    }
  }

  get token(): string | null {
    return this.#token;
  }

  headers(): Record<string, string> {
    return this.#token ? { Authorization: `Bearer ${this.#token}` } : {};
  }

  /** The name an operator last signed an ack or silence with (remembered per browser). */
  get user(): string {
    return safe(() => localStorage.getItem(USER_KEY)) ?? '';
  }

  set user(name: string) {
    safe(() => localStorage.setItem(USER_KEY, name));
  }
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    // Storage is unavailable in some locked-down kiosk browsers; the page still works without it.
    return null;
  }
}
