// Time is injected so tests can move it (claim expiry, escalation, silences).
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export class ManualClock implements Clock {
  constructor(private t = Date.parse('2026-01-01T00:00:00Z')) {}
  now() {
    return this.t
  }
  advance(ms: number) {
    this.t += ms
  }
  set(t: number) {
    this.t = t
  }
}
