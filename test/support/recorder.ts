/**
 * A list that tests can wait on: `waitFor` resolves with the first matching item, already recorded or still to
 * come, without polling or sleeping. A wait that is never satisfied fails after `timeoutMs` with what *was*
 * recorded, which says more than a bare test timeout.
 */
export class Recorder<T> {
  private readonly items: T[] = [];
  private waiters: { match: (item: T) => boolean; from: number; resolve: (item: T) => void }[] = [];

  constructor(private readonly timeoutMs = 5_000) {}

  get all(): readonly T[] {
    return this.items;
  }

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    const index = this.items.push(item) - 1;
    const ready = this.waiters.filter((w) => index >= w.from && w.match(item));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(item);
  }

  async waitFor(match: (item: T) => boolean, from = 0, what = 'item'): Promise<T> {
    const found = this.items.slice(from).find(match);
    if (found !== undefined) return await Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no matching ${what} within ${this.timeoutMs} ms; recorded: ${this.describe(from)}`));
      }, this.timeoutMs);
      const done = (item: T) => {
        clearTimeout(timer);
        resolve(item);
      };
      this.waiters.push({ match, from, resolve: done });
    });
  }

  /** Resolves once `count` matching items (at index ≥ `from`) have been recorded, with all of them. */
  async waitForCount(match: (item: T) => boolean, count: number, from = 0, what = 'item'): Promise<T[]> {
    const found: T[] = [];
    let next = from;
    while (found.length < count) {
      const item = await this.waitFor(match, next, what);
      found.push(item);
      next = this.items.indexOf(item, next) + 1;
    }
    return found;
  }

  private describe(from: number): string {
    const recent = this.items.slice(from).map((i) => {
      try {
        return JSON.stringify(i).slice(0, 200);
      } catch {
        return String(i); // sockets and other circular things
      }
    });
    return recent.length ? recent.join('\n  ') : 'nothing';
  }
}
