/**
 * One async read shown by a view: data, error sentence, loading flag. A new `run` aborts the one in
 * flight, so a fast-typing filter never shows an older answer over a newer one. Old data stays on
 * screen while the next answer loads.
 */
import { errorText } from './api.ts';

export class Resource<T> {
  data = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  #ctrl: AbortController | null = null;

  async run(fetcher: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    this.#ctrl?.abort();
    const ctrl = new AbortController();
    this.#ctrl = ctrl;
    this.loading = true;
    try {
      const d = await fetcher(ctrl.signal);
      if (ctrl.signal.aborted) return null;
      this.data = d;
      this.error = null;
      return d;
    } catch (err) {
      if (ctrl.signal.aborted || (err as Error).name === 'AbortError') return null;
      this.error = errorText(err);
      return null;
    } finally {
      if (this.#ctrl === ctrl) this.loading = false;
    }
  }

  abort(): void {
    this.#ctrl?.abort();
    this.#ctrl = null;
    this.loading = false;
  }
}
