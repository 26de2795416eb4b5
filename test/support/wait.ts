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
