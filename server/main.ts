import type { Server } from 'node:http'
import { ConfigError, loadConfig } from './config.ts'
import { createRuntime } from './runtime.ts'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const runtime = await createRuntime(config)
  const { logger } = runtime
  const server: Server = runtime.app.listen(config.port, config.host, () => {
    const addr = server.address()
    const port = typeof addr === 'object' && addr ? addr.port : config.port
    logger.info({ port, pipeline: config.redisUrl ? 'redis' : 'embedded' }, `Alongside is listening on http://localhost:${port}`)
  })
  server.keepAliveTimeout = 5_000

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down: finishing requests in flight')
    // Force-quit if something hangs: a stuck shutdown is worse than a restart.
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    server.close(async () => {
      try {
        await runtime.close()
        logger.info('shut down cleanly')
        process.exit(0)
      } catch (err) {
        logger.error({ err }, 'error during shutdown')
        process.exit(1)
      }
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
