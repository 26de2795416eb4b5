// Progress on stderr for the long bench scripts: a bar on a terminal, tens of percent in a log.

// ---------- progress ----------
export function progressBar(label: string, total: number, quiet: boolean) {
  const tty = process.stderr.isTTY
  const t0 = Date.now()
  let last = 0
  let lastDecile = -1
  return {
    tick(done: number) {
      if (quiet) return
      const now = Date.now()
      if (tty) {
        if (now - last < 100 && done < total) return
        last = now
        const frac = total === 0 ? 1 : done / total
        const width = 30
        const fill = Math.round(frac * width)
        process.stderr.write(
          `\r${label.padEnd(14)} ` +
            `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ` +
            `${(frac * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${((now - t0) / 1000).toFixed(1)}s `,
        )
      } else {
        const decile = Math.floor((done / Math.max(1, total)) * 10)
        if (decile !== lastDecile) {
          lastDecile = decile
          process.stderr.write(`${label} ${decile * 10}% (${done}/${total}) ${((now - t0) / 1000).toFixed(1)}s\n`)
        }
      }
    },
    done() {
      if (!quiet && tty) process.stderr.write('\n')
    },
  }
}

export function step(quiet: boolean, msg: string) {
  if (!quiet) process.stderr.write(`${msg}\n`)
}

/** `--key value`, `--key=value` and bare `--flag` (true), as the bench scripts take them. */
export function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('--')) continue
    const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined]
    if (v !== undefined) out[k] = v
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out[k] = argv[++i]!
    else out[k] = 'true'
  }
  return out
}
