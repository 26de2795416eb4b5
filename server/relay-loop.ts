/**
 * The wake-up loop of the server's relays (the mail outbox, account erasure): a wake() while a
 * pass runs asks for one more pass after it, never a second pass beside it; a poll timer wakes it
 * too, so a missed wake costs one poll; stop() waits for the pass in flight.
 */
export class RelayLoop {
  private timer?: NodeJS.Timeout
  private running?: Promise<void>
  private wanted = false
  private stopped = true

  constructor(
    private readonly pollMs: number,
    /** One pass: works until nothing is due, or until `stopped()`. */
    private readonly pass: (stopped: () => boolean) => Promise<void>,
    /** A pass that threw: logged here; the next wake or poll tries again. */
    private readonly failed: (err: Error) => void,
  ) {}

  get isStopped() {
    return this.stopped
  }

  start() {
    this.stopped = false
    this.timer = setInterval(() => this.wake(), this.pollMs)
    this.timer.unref()
    this.wake()
  }

  wake() {
    if (this.stopped) return
    this.wanted = true
    if (this.running) return
    this.running = this.run().finally(() => {
      this.running = undefined
      if (this.wanted && !this.stopped) this.wake()
    })
  }

  /** Resolves once no pass is running (tests wait on this, then check the tables). */
  async idle() {
    while (this.running) await this.running
  }

  async stop() {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    await this.idle()
  }

  private async run() {
    while (this.wanted && !this.stopped) {
      this.wanted = false
      try {
        await this.pass(() => this.stopped)
      } catch (err) {
        this.failed(err as Error)
      }
    }
  }
}
