/**
 * One error base for everything briefsmith reports to a user, with a code that maps to an exit
 * code (CLI) and an HTTP status (server). Messages say what is wrong and how to fix it.
 */
import type { Diagnostic } from './diagnostic.js';

export const errorCodes = {
  invalidData: { exit: 1, http: 422 },
  template: { exit: 1, http: 500 },
  render: { exit: 1, http: 500 },
  usage: { exit: 2, http: 400 },
  io: { exit: 3, http: 500 },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class BriefsmithError extends Error {
  readonly code: ErrorCode;
  readonly diagnostics: readonly Diagnostic[];

  constructor(
    code: ErrorCode,
    message: string,
    diagnostics: readonly Diagnostic[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BriefsmithError';
    this.code = code;
    this.diagnostics = diagnostics;
  }

  get exitCode(): number {
    return errorCodes[this.code].exit;
  }

  get httpStatus(): number {
    return errorCodes[this.code].http;
  }
}
