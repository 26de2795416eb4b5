import pino from 'pino'

export type Logger = pino.Logger

// Logs carry ids, never what members wrote.
export function createLogger(level = 'info', base: Record<string, unknown> = { service: 'alongside' }): Logger {
  return pino({
    level,
    base,
    redact: {
      paths: [
        'text',
        'body',
        'email',
        'password',
        'markdown',
        'title',
        '*.text',
        '*.body',
        '*.email',
        '*.password',
        '*.title',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
      ],
      censor: '[redacted]',
    },
  })
}
