export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found. It may have been removed, or the link may be wrong.`)
export const unauthenticated = () => new AppError(401, 'not_signed_in', 'Sign in to do this.')
export const forbidden = (message = 'You do not have permission to do this.', code = 'forbidden') => new AppError(403, code, message)
export const conflict = (code: string, message: string) => new AppError(409, code, message)
