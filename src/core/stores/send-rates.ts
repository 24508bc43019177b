/** The rate each outbox lane learned, kept across restarts and shared by every process on the database. */

export interface StoredRate {
  /** Messages per second the platform accepted. */
  readonly rate: number;
  readonly updatedAt: Date;
}

export interface SendRatesStore {
  get(lane: string): Promise<StoredRate | undefined>;
  /** Records the lane's rate now (the last writer wins: every process learns from the same platform). */
  save(lane: string, rate: number, now: Date): Promise<void>;
}
