// Turns a wire outcome back into a result or a thrown AppError, the same for both transports.
import { AppError } from '../../shared/errors';
import type { CallResult } from '../../shared/transport';

/** The call's result, or throws its error as an AppError with the code main chose. */
export function unwrapResult<T>(outcome: CallResult): T {
  if (outcome.ok) return outcome.result as T;
  throw new AppError(outcome.error.code, outcome.error.message, outcome.error.details);
}
