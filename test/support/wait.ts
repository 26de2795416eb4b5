/** Polls until the check returns a truthy value; fails with the label when it does not in time. */
export async function waitFor<T>(label: string, check: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${label}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/**
 * Resolves once the named BullMQ queues hold nothing waiting, delayed or running: every effect a
 * job could still have has happened. What a test waits on before it asserts that something did
 * not happen twice, instead of a fixed sleep.
 */
export async function queuesSettled(redisUrl: string, prefix: string, names: string[], timeoutMs = 20_000) {
  const { Queue } = await import('bullmq')
  const { Redis } = await import('ioredis')
  const conn = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const queues = names.map((name) => new Queue(name, { connection: conn, prefix }))
  try {
    await waitFor(
      `the queues ${names.join(', ')} to settle`,
      async () => {
        for (const q of queues) {
          const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')
          if (Object.values(c).some((n) => n > 0)) return false
        }
        return true
      },
      timeoutMs,
    )
  } finally {
    await Promise.all(queues.map((q) => q.close()))
    await conn.quit()
  }
}

/** The in-process mail relay has sent everything due: a pass started now has finished. */
export async function mailSettled(rt: { mail: { relay: { wake(): void; idle(): Promise<void> } } }) {
  rt.mail.relay.wake()
  await rt.mail.relay.idle()
}
