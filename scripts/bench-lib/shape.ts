// The bench dataset's shape: when threads start, in which community, how many posts each gets
// (heavy-tailed, a few megathreads), their titles, and every post's time and order.
import { gauss, pick, TITLES, type Rng } from './text.ts'

const DAY = 86_400_000

export function threadShapes(
  r: Rng,
  opts: { threadCount: number; totalPosts: number; start: number; now: number; communityWeights: number[]; communitySlugs: string[] },
) {
  const { threadCount, totalPosts, start, now, communityWeights, communitySlugs } = opts
  // 4. Thread shapes: a heavy-tailed number of replies, a few megathreads with hundreds.
  const threadCreated = new Float64Array(threadCount)
  for (let t = 0; t < threadCount; t++) threadCreated[t] = start + 730 * DAY * Math.sqrt(r()) * 0.995
  threadCreated.sort()
  const threadCommunity = new Uint8Array(threadCount)
  const threadPosts = new Uint32Array(threadCount).fill(1)
  const weights = new Float64Array(threadCount)
  let wsum = 0
  for (let t = 0; t < threadCount; t++) {
    let x = r()
    let ci = 0
    while (ci < communityWeights.length - 1 && x >= communityWeights[ci]!) x -= communityWeights[ci++]!
    threadCommunity[t] = ci
    const w = Math.exp(1.2 * gauss(r)) * (r() < 0.005 ? 60 : 1)
    weights[t] = w
    wsum += w
  }
  const MAX_POSTS = 1000
  let remaining = totalPosts - threadCount
  for (let t = 0; t < threadCount; t++) {
    const extra = Math.min(MAX_POSTS - 1, Math.floor(((totalPosts - threadCount) * weights[t]!) / wsum))
    threadPosts[t]! += extra
    remaining -= extra
  }
  while (remaining > 0) {
    const t = Math.floor(r() * threadCount)
    if (threadPosts[t]! < MAX_POSTS) {
      threadPosts[t]!++
      remaining--
    }
  }

  const titleCounter = new Map<string, number>()
  const threadTitle: string[] = []
  for (let t = 0; t < threadCount; t++) {
    const base = pick(r, TITLES[communitySlugs[threadCommunity[t]!]!]!)
    const n = (titleCounter.get(base) ?? 0) + 1
    titleCounter.set(base, n)
    threadTitle.push(n % 3 === 1 ? base : `${base} (${['again', 'update', 'part 2', 'week ' + (n % 50)][n % 4]})`)
  }

  // 5. Post times, then ids in time order (as the forum would have assigned them).
  const postThread = new Uint32Array(totalPosts)
  const postTime = new Float64Array(totalPosts)
  {
    let k = 0
    for (let t = 0; t < threadCount; t++) {
      let at = threadCreated[t]!
      const n = threadPosts[t]!
      // Long threads run for weeks; short ones get their replies within a day or two.
      const meanGap = n > 50 ? 8 * 3_600_000 : 2 * 3_600_000
      for (let j = 0; j < n; j++) {
        if (j > 0) at += -Math.log(1 - r()) * meanGap
        postThread[k] = t
        postTime[k] = Math.min(at, now - 60_000 - r() * 3_600_000)
        k++
      }
    }
  }
  const order = new Uint32Array(totalPosts)
  for (let i = 0; i < totalPosts; i++) order[i] = i
  order.sort((a, b) => postTime[a]! - postTime[b]! || a - b)
  return { threadCreated, threadCommunity, threadPosts, threadTitle, postThread, postTime, order }
}
