// Typed errors of the domain, each with the HTTP status it maps to (lib/http/problem.ts) and a message
// a user can read (Chinese). Internal details go to the log, never to the response.

export class AppError extends Error {
  readonly status: number = 500;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  override readonly status = 400;
}
export class UnauthorizedError extends AppError {
  override readonly status = 401;
  constructor(message = '请先登录') {
    super(message);
  }
}
export class ForbiddenError extends AppError {
  override readonly status = 403;
  constructor(message = '没有权限执行此操作') {
    super(message);
  }
}
export class NotFoundError extends AppError {
  override readonly status = 404;
  constructor(message = '未找到') {
    super(message);
  }
}
export class ConflictError extends AppError {
  override readonly status = 409;
}
export class PayloadTooLargeError extends AppError {
  override readonly status = 413;
}
export class UnsupportedMediaTypeError extends AppError {
  override readonly status = 415;
}
