// Scenario 1 of `npm run bench`: the ceiling of the stack on this machine. Express 5 and one
// route returning a small JSON body, nothing else: whatever Alongside adds is measured against it.
import express from 'express'

const app = express()
app.disable('x-powered-by')
app.get('/', (_req, res) => {
  res.json({ ok: true, service: 'bare' })
})
const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1')
server.keepAliveTimeout = 5_000
const stop = () => server.close(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
