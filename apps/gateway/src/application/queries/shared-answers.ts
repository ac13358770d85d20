/**
 * Answers that many people ask for at once (a district's dashboard on a wall
 * screen, the city's on every office's console) and that cost some twenty
 * counts over the read models to compute.
 *
 * - Requests arriving while an answer is computed share that computation.
 * - An answer younger than `freshMs` is given again as it is.
 * - An older one starts a new computation; while that runs, callers still get
 *   the older answer if it is younger than `staleMs`, so a busy dashboard never
 *   waits for its own refresh. Older than that, callers wait for the new one.
 *
 * So an answer is at most `staleMs` old (plus one computation) and says when it
 * was computed; someone who looks only now and then always gets a fresh one.
 */
export class SharedAnswers<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly freshMs: number,
    private readonly staleMs: number,
    private readonly maxEntries = 500,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    const age = entry?.doneAt === undefined ? undefined : this.now() - entry.doneAt;
    if (entry && age !== undefined && age < this.freshMs) return Promise.resolve(entry.value as T);
    const refresh = entry?.refresh ?? this.start(key, compute);
    if (entry && age !== undefined && age < this.staleMs) return Promise.resolve(entry.value as T);
    return refresh;
  }

  private start(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) this.entries.clear();
    const entry: Entry<T> = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    const refresh = compute().then(
      (value) => {
        entry.value = value;
        entry.doneAt = this.now();
        entry.refresh = undefined;
        return value;
      },
      (error: unknown) => {
        entry.refresh = undefined;
        throw error;
      },
    );
    entry.refresh = refresh;
    // A failed background refresh is answered to whoever waits on it; nobody else needs to hear.
    refresh.catch(() => undefined);
    return refresh;
  }
}

interface Entry<T> {
  value?: T;
  doneAt?: number;
  refresh?: Promise<T>;
}
