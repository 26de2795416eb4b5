import { Readable } from 'node:stream'
import yazl from 'yazl'

export interface ZipEntry {
  name: string
  content: string | AsyncIterable<string>
}

/**
 * A zip written while its files are produced. Each file is added to yazl lazily: its contents are
 * asked for only when yazl reaches it, and the next file is pulled from `files` only then, so a
 * file's pages are read from the database as fast as the client downloads them (yazl pipes stream
 * entries with back-pressure) and never all at once. An error in the middle ends the stream with it.
 */
export function zipStream(files: AsyncIterable<ZipEntry>, mtime: Date): Readable {
  const zip = new yazl.ZipFile()
  const out = zip.outputStream as unknown as Readable
  const it = files[Symbol.asyncIterator]()
  const fail = (err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err)))
  const addNext = () => {
    it.next().then((r) => {
      if (r.done) return zip.end()
      const file = r.value
      zip.addReadStreamLazy(file.name, { mtime }, (cb) => {
        const stream = typeof file.content === 'string' ? Readable.from([Buffer.from(file.content)]) : Readable.from(file.content)
        stream.on('error', fail)
        cb(null, stream)
        // The next file is only looked for once this one starts: at most one is ever waiting.
        addNext()
      })
    }, fail)
  }
  addNext()
  return out
}
