import { findPostById } from '../../server/db/posts.ts'
import { findOpenItemForPost } from '../../server/db/review.ts'
import type { Runtime } from '../../server/runtime.ts'
import { waitScanned } from './app.ts'

/**
 * The reads tests make of the rows behind what a member did (five files had their own copies).
 * Takes a getter because a file starts its runtime in beforeAll, after these are defined.
 */
export function rowReaders(runtime: () => Runtime) {
  return {
    /** A post's row, as stored; throws when there is none. */
    async postRow(id: number) {
      const post = await findPostById(runtime().db, id)
      if (!post) throw new Error(`no post ${id}`)
      return post
    },
    /** The post's open review item, if it has one. */
    openItem: (postId: number) => findOpenItemForPost(runtime().db, postId),
    /** Waits for the verdict on this revision of the post; returns the post's row. */
    scanned: (id: number, revision = 1) => waitScanned(runtime(), id, { revision }),
  }
}
