import { Readable } from 'node:stream'
import yazl from 'yazl'

export interface ZipEntry {
  name: string
  content: string | AsyncIterable<string>
}

/** Whole-text files added between two checkpoints: what may wait in memory to be written. */
const CHECKPOINT_BYTES = 256 * 1024

/**
 * A zip written while its files are produced, with back-pressure all the way to the database.
 *
 * A file read in pages is added with yazl's addReadStreamLazy: yazl asks for its contents only
 * when it reaches it and pipes them with back-pressure, so its pages are read as fast as the
 * client downloads. Small whole-text files (one per post) go in as buffers, stored uncompressed (a
 * zlib stream per small file cost 3 to 7 times the time and memory: docs/performance.md), which yazl
 * writes without waiting on the client; so that these cannot pile up, every
 * 256 KB one of them goes in lazily instead, as a checkpoint: the next files are pulled from
 * `files` only when yazl reaches it, that is when everything before it has been written out.
 * An error in the middle ends the stream with it.
 */
export function zipStream(files: AsyncIterable<ZipEntry>, mtime: Date): Readable {
  const zip = new yazl.ZipFile()
  const out = zip.outputStream as unknown as Readable
  const it = files[Symbol.asyncIterator]()
  const fail = (err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err)))
  let sinceCheckpoint = 0

  const addLazy = (file: ZipEntry) => {
    zip.addReadStreamLazy(file.name, { mtime }, (cb) => {
      const stream = typeof file.content === 'string' ? Readable.from([Buffer.from(file.content)]) : Readable.from(file.content)
      stream.on('error', fail)
      cb(null, stream)
      sinceCheckpoint = 0
      pull().catch(fail)
    })
  }

  async function pull() {
    for (;;) {
      const r = await it.next()
      if (r.done) return zip.end()
      const file = r.value
      if (typeof file.content === 'string' && sinceCheckpoint + file.content.length < CHECKPOINT_BYTES) {
        const buf = Buffer.from(file.content)
        sinceCheckpoint += buf.length
        zip.addBuffer(buf, file.name, { mtime, compress: false })
        continue
      }
      // Streamed files, and the file past each checkpoint's worth: pulling resumes when yazl reaches it.
      return addLazy(file)
    }
  }
  pull().catch(fail)
  return out
}
