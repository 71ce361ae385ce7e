/**
 * Whether some foreground work (intake, here) is under way or ended moments ago. The foreground
 * marks its spans; background work asks `busy()` to stand back while people wait for answers.
 * `lingerMs` bridges the gaps between one group and the next under a steady load, so a background
 * job does not slip into every gap of a few milliseconds.
 */
export class BusySignal {
  private inFlight = 0;
  private lastEnded = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly lingerMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Marks a span of foreground work; call the returned function once when it ends. */
  enter(): () => void {
    this.inFlight += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
      this.lastEnded = this.now();
    };
  }

  busy(): boolean {
    return this.inFlight > 0 || this.now() - this.lastEnded < this.lingerMs;
  }
}
