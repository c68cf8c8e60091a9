// Refusals of the public-account flows that lib/errors.ts has no class for; each maps to its status through
// lib/http/problem.ts like every AppError.
import { AppError } from '@/lib/errors';

export class TooManyAttemptsError extends AppError {
  override readonly status = 429;
}

export class UnprocessableError extends AppError {
  override readonly status = 422;
}
