/**
 * The interaction ids seen lately. The gateway can deliver one INTERACTION_CREATE twice (a resume replays what the
 * client may already have had); the second copy must not be handled at all. The core drops a repeated `eventId`,
 * but the adapter would still answer the copy ("Done.") — and that answer can reach Discord first, so the member
 * sees it while the real answer is refused as a second one (40060).
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  /** @param max ids remembered; the oldest go first (an interaction can be answered for 15 minutes at most). */
  constructor(private readonly max = 5_000) {}

  /** Records `id`; false when it was already seen. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
