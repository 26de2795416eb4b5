// The slice of autocannon 8's programmatic API the benchmarks use (it ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string | Buffer
      /** `context` is kept per connection across its pass over the request list. */
      setupRequest?: (req: Request, context: Record<string, unknown>) => Request | undefined
    }
    interface Options {
      url: string
      connections?: number
      duration?: number
      /** Stop after this many requests instead of after `duration`. */
      amount?: number
      headers?: Record<string, string>
      requests?: Request[]
    }
    interface Histogram {
      average: number
      total: number
      p50: number
      p99: number
      max: number
    }
    interface Result {
      requests: Histogram
      latency: Histogram
      errors: number
      timeouts: number
      non2xx: number
    }
  }
  function autocannon(opts: autocannon.Options): Promise<autocannon.Result>
  export default autocannon
}
