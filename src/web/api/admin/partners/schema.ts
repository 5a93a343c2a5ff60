import { AppError } from '../../../../errors.js';

/** A partner in the path: its id (digits), else it does not exist. */
export function partnerId(raw: string | undefined): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw new AppError('NOT_FOUND', `Partner ${raw ?? ''} was not found.`, { hint: 'Partner ids are whole numbers.' });
  return Number(raw);
}
