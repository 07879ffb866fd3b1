import { notFound } from '@zq/common';

type Details = Record<string, unknown>;

/**
 * The error codes directory raises, with their Chinese messages: one place to read what a user can
 * be told and under which stable code. apps/api maps the kind to the status (404, 400, 422, 409, 403).
 */
export const DirectoryErrors = {
  unitNotFound: (details?: Details) => notFound('UNIT_NOT_FOUND', '单位不存在', details),
};
