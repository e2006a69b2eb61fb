/**
 * One shared one-second tick for every age counter on a page. Components read `now`; only the text
 * nodes that depend on it update, and there is one timer however many counters are shown.
 */
export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setTimeout> | null = null;

  start(): void {
    if (this.#timer !== null) return;
    const tick = () => {
      this.now = Date.now();
      // Aligned to the second boundary so every counter on the wall flips together.
      this.#timer = setTimeout(tick, 1000 - (this.now % 1000) + 5);
    };
    tick();
  }

  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
