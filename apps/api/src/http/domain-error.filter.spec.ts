import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { ruleViolation } from '@zq/common';
import { DomainErrorFilter } from './domain-error.filter';

function hostFor() {
  const res = { statusCode: 0, body: undefined as unknown, status(code: number) { this.statusCode = code; return this; }, json(b: unknown) { this.body = b; return this; } };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ url: '/x', method: 'GET' }) }) } as unknown as ArgumentsHost;
  return { res, host };
}

describe('DomainErrorFilter', () => {
  const filter = new DomainErrorFilter();

  it('maps a rule violation to 422 with its code, Chinese message and details', () => {
    const { res, host } = hostFor();
    filter.catch(ruleViolation('CITY_APPROVAL_REQUIRED', '设区市反馈须经市政府同意', { field: 'attestation' }), host);
    expect(res.statusCode).toBe(422);
    expect(res.body).toEqual({ statusCode: 422, code: 'CITY_APPROVAL_REQUIRED', message: '设区市反馈须经市政府同意', details: { field: 'attestation' } });
  });

  it('gives framework HTTP errors a stable code and a Chinese message', () => {
    const { res, host } = hostFor();
    filter.catch(new NotFoundException(), host);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: '请求的资源不存在' });
  });

  it('answers an unexpected error with 500 and an error id that is also logged', () => {
    const { res, host } = hostFor();
    const logged: unknown[] = [];
    (filter as unknown as { log: { error: (...a: unknown[]) => void } }).log = { error: (...a: unknown[]) => logged.push(a[0]) };
    filter.catch(new TypeError('boom'), host);
    const body = res.body as { statusCode: number; code: string; message: string; details: { errorId: string } };
    expect(res.statusCode).toBe(500);
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.message).toContain(body.details.errorId);
    expect(logged).toEqual([expect.objectContaining({ errorId: body.details.errorId })]);
  });
});
