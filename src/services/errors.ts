/** An error a client caused or can act on: carries the HTTP status, a stable code and a human message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string): AppError => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message: string): AppError => new AppError(403, 'forbidden', message);
export const badRequest = (code: string, message: string): AppError => new AppError(400, code, message);
export const conflict = (code: string, message: string): AppError => new AppError(409, code, message);
export const unauthorized = (code: string, message: string): AppError => new AppError(401, code, message);

/** A write raced a deletion of what it referred to (store/errors.ts); answered as 404. */
export { ReferenceGone } from '../store/errors.js';
