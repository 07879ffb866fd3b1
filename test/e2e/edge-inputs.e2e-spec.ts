import { ManualClock } from '@zq/common';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { aReferenceRound, aScannedLetter, SeededRound } from '../support/feedback-factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Sends raw bytes to the listening server and returns the whole answer (status line, headers, body). */
function rawRequest(port: number, bytes: Buffer | string): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), contentType: /content-type: *([^\r\n]+)/i.exec(head)?.[1] ?? '', body: rest.join('\r\n\r\n') });
    });
    // write without half-closing: the server closes after its answer (Connection: close, or its own
    // refusal); a client FIN racing a slow answer under load made the reply vanish
    socket.setTimeout(20_000, () => socket.destroy(new Error('no answer within 20 s')));
    socket.write(bytes);
  });
}

/** Every bad input at the edge gets a 4xx JSON error with a stable code, quickly, on every operation. */
describe('inputs at the edge (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new ManualClock(new Date('2023-05-22T10:00:00+08:00'));
  let t: TestApp;
  let r: SeededRound;
  let port: number;
  const auth: Record<string, string> = {};
  const as = async (username: string) => (auth[username] ??= await t.login(username));

  beforeAll(async () => {
    t = await startTestApp('edge_inputs', { clock });
    r = await aReferenceRound(t.dataSource, { recipients: ['省财政厅', '省公安厅', '杭州市'] });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('body depth and size', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

    it.each([
      ['POST', '/api/v1/auth/login', false],
      ['PUT', () => `/api/v1/rounds/${r.roundId}/my-reply`, true],
      ['POST', '/api/v1/rounds', true],
      ['POST', '/api/v1/policies/import', true],
    ] as const)('refuses JSON nested 100,000 deep on %s %s with 400 BODY_TOO_DEEP in milliseconds', async (method, path, signedIn) => {
      const url = typeof path === 'function' ? path() : path;
      const header = signedIn ? await as(url.includes('my-reply') ? '省财政厅.drafter' : 'staff') : '';
      for (const body of [deep(100_000), `{"items":${deep(100_000)}}`, deepObject(100_000)]) {
        const started = performance.now();
        let req = t.http()[method === 'PUT' ? 'put' : 'post'](url).set('content-type', 'application/json');
        if (header) req = req.set('Authorization', header);
        const res = await req.send(body);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'BODY_TOO_DEEP' });
        expect(performance.now() - started).toBeLessThan(2000);
      }
    });

    it('keeps a "[" inside a string from counting as nesting', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ username: '['.repeat(99), password: '{'.repeat(150) });
      expect(res.status).toBe(401);
    });

    it('answers broken JSON with 400 BODY_INVALID_JSON', async () => {
      const res = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"username": "admin",');
      expect(res.body).toMatchObject({ statusCode: 400, code: 'BODY_INVALID_JSON' });
    });

    it('refuses a body over the route limit with 413 BODY_TOO_LARGE', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ username: 'x'.repeat(3 * 1024 * 1024), password: 'p' });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'BODY_TOO_LARGE', details: { maxBytes: 2 * 1024 * 1024 } });
    });

    it('refuses a 12.9 MB my-reply in milliseconds while /health keeps answering', async () => {
      const drafter = await as('省财政厅.drafter');
      const items = Array.from({ length: 100_000 }, (_, i) => ({ key: `k${i}`, kind: 'other', reason: '理由'.repeat(40) }));
      const body = JSON.stringify({ baseVersion: 0, kind: 'with_comments', items });
      expect(body.length).toBeGreaterThan(12_000_000);
      const started = performance.now();
      const [res, health] = await Promise.all([
        t.http().put(`/api/v1/rounds/${r.roundId}/my-reply`).set('Authorization', drafter).set('content-type', 'application/json').send(body),
        (async () => {
          const s = performance.now();
          const h = await t.http().get('/api/v1/health');
          return { status: h.status, ms: performance.now() - s };
        })(),
      ]);
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('BODY_TOO_LARGE');
      expect(performance.now() - started).toBeLessThan(3000);
      expect(health.ms).toBeLessThan(3000);
    });

    it('refuses 100,000 small reply items under the size limit before validating any of them', async () => {
      const drafter = await as('省财政厅.drafter');
      const items = Array.from({ length: 100_000 }, (_, i) => ({ key: `k${i}`, kind: 'other' }));
      const body = JSON.stringify({ baseVersion: 0, kind: 'with_comments', items });
      const started = performance.now();
      const res = await t.http().put(`/api/v1/rounds/${r.roundId}/my-reply`).set('Authorization', drafter).set('content-type', 'application/json').send(body);
      const ms = performance.now() - started;
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'items', problems: ['items 最多 1000 项'] }] } });
      expect(ms).toBeLessThan(2000); // validating them all took 8 s
    });
  });

  describe('NUL bytes and lone surrogates, named by field, wherever the string comes from', () => {
    const failedField = (res: { status: number; body: { code: string; details?: { fields?: { field: string }[] } } }) => {
      expect(res.body).toMatchObject({ statusCode: 400 });
      expect(res.body.code).toBe('VALIDATION_FAILED');
      return res.body.details?.fields?.map((f) => f.field);
    };

    it('in a JSON body (login), a nested field (reply items) and a field name', async () => {
      expect(failedField(await t.http().post('/api/v1/auth/login').send({ username: 'ad\u0000min', password: 'x' }))).toEqual(['username']);
      expect(failedField(await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"username":"\\ud800","password":"x"}'))).toEqual(['username']);
      const drafter = await as('省财政厅.drafter');
      const res = await t
        .http()
        .put(`/api/v1/rounds/${r.roundId}/my-reply`)
        .set('Authorization', drafter)
        .set('content-type', 'application/json')
        .send(`{"baseVersion":0,"kind":"with_comments","items":[{"key":"a","kind":"other","reason":"ok"},{"key":"b","kind":"other","reason":"\\udc00尾"}]}`);
      expect(failedField(res)).toEqual(['items.1.reason']);
      const key = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"username":"a","password":"b","x\\u0000":1}');
      expect(failedField(key)).toEqual(['x\\u0000']);
    });

    it('in a query string and a route parameter', async () => {
      const staff = await as('staff');
      expect(failedField(await t.http().get('/api/v1/units?q=%00').set('Authorization', staff))).toEqual(['q']);
      expect(failedField(await t.http().get(`/api/v1/rounds/${r.roundId}/mails?purpose=%00`).set('Authorization', staff))).toEqual(['purpose']);
      expect(failedField(await t.http().get('/api/v1/receipts/R2-%00-0001/verify'))).toEqual(['trackingNo']);
    });

    it('in an uploaded file name', async () => {
      const approver = await as('省财政厅.approver');
      const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM evidence_file WHERE round_id = $1`, [r.roundId]))[0].n;
      const before = await count();
      const res = await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', approver).attach('file', aScannedLetter('x'), 'a\u0000.pdf');
      // the multipart parser may refuse the part header itself; either way a 400 JSON error, nothing stored
      expect(res.status).toBe(400);
      expect(['VALIDATION_FAILED', 'BAD_REQUEST']).toContain(res.body.code);
      expect(await count()).toBe(before);
    });

    it('IsEmail on a lone surrogate is a 400, not a URIError', async () => {
      const admin = await as('admin');
      const res = await t.http().post('/api/v1/auth/invitations').set('Authorization', admin).set('content-type', 'application/json').send('{"email":"a\\ud800@example.org","role":"office_staff"}');
      expect(failedField(res)).toContain('email');
    });
  });

  describe('numbers and empty updates', () => {
    it.each(['1e20', String(2 ** 63), '-1', '1.5'])('refuses mails?offset=%s with 400', async (offset) => {
      const res = await t.http().get(`/api/v1/rounds/${r.roundId}/mails?offset=${offset}`).set('Authorization', await as('staff'));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it.each([String(2 ** 31), String(2 ** 53 + 1), '1e308', '1e400', '-0.5'])('refuses baseVersion %s with 400', async (n) => {
      const res = await t
        .http()
        .put(`/api/v1/rounds/${r.roundId}/my-reply`)
        .set('Authorization', await as('省财政厅.drafter'))
        .set('content-type', 'application/json')
        .send(`{"baseVersion":${n},"kind":"no_comment","items":[]}`);
      expect(res.status).toBe(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['baseVersion']);
    });

    it('refuses PATCH /rounds/{id} with an empty body, and launch with acknowledgedUnitIds null', async () => {
      const staff = await as('staff');
      const created = await t.http().post('/api/v1/rounds').set('Authorization', staff).send({ versionId: r.versionId, title: '边界测试', deadlineWorkdays: 10 });
      expect(created.body).toMatchObject({ status: 'draft' });
      const empty = await t.http().patch(`/api/v1/rounds/${created.body.id}`).set('Authorization', staff);
      expect(empty.status).toBe(400);
      expect(empty.body.code).toBe('NOTHING_TO_UPDATE');
      const emptyJson = await t.http().patch(`/api/v1/rounds/${created.body.id}`).set('Authorization', staff).send({});
      expect(emptyJson.body.code).toBe('NOTHING_TO_UPDATE');
      const launch = await t.http().post(`/api/v1/rounds/${created.body.id}/launch`).set('Authorization', staff).send({ acknowledgedUnitIds: null });
      expect(launch.status).toBe(400);
      expect(launch.body.details.fields[0].field).toBe('acknowledgedUnitIds');
    });
  });

  describe('requests Node refuses before the app', () => {
    it('answers a URL over 64 KB with a JSON 431', async () => {
      const res = await rawRequest(port, `GET /api/v1/units?q=${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(res.status).toBe(431);
      expect(res.contentType).toContain('application/json');
      expect(JSON.parse(res.body)).toMatchObject({ statusCode: 431, code: 'REQUEST_HEADERS_TOO_LARGE' });
    });

    it('lets a 5,000-character Chinese query through to the app (a JSON 4xx, not 431)', async () => {
      const q = encodeURIComponent('省'.repeat(5000));
      const res = await rawRequest(port, `GET /api/v1/units?q=${q} HTTP/1.1\r\nHost: x\r\nAuthorization: ${await as('staff')}\r\nConnection: close\r\n\r\n`);
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/json');
    });

    it('answers an unencoded Chinese query with the JSON error body', async () => {
      const res = await rawRequest(port, Buffer.concat([Buffer.from('GET /api/v1/units?q='), Buffer.from('省市场监管局'), Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.contentType).toContain('application/json');
      expect(JSON.parse(res.body).code).toBeTruthy();
    });
  });

  describe('what is sealed verifies byte for byte', () => {
    // any UTF-16 code unit, lone surrogates and NUL included
    const anyString = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength });
    const storable = (s: string) => !s.includes('\u0000') && (s as unknown as { isWellFormed(): boolean }).isWellFormed();

    it('seals arbitrary strings or refuses them with 400, and every receipt it gives verifies', async () => {
      const drafter = await as('省公安厅.drafter');
      const approver = await as('省公安厅.approver');
      const scan = (await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', approver).attach('file', aScannedLetter('公章'), '盖章页.pdf').expect(201)).body.id;
      let version = (await t.http().get(`/api/v1/rounds/${r.roundId}/my-reply`).set('Authorization', drafter).expect(200)).body.draft?.version ?? 0;
      let sealed = 0;
      await fc.assert(
        fc.asyncProperty(anyString(50), anyString(50), anyString(200), anyString(200), async (signatory, contactName, proposedText, reason) => {
          const saved = await t
            .http()
            .put(`/api/v1/rounds/${r.roundId}/my-reply`)
            .set('Authorization', drafter)
            .send({ baseVersion: version, kind: 'with_comments', items: [{ key: 'p', kind: 'other', proposedText, reason }] });
          if (!storable(proposedText) || !storable(reason)) {
            expect(saved.status).toBe(400);
            return;
          }
          expect(saved.status).toBe(200);
          version = saved.body.version;
          const res = await t
            .http()
            .post(`/api/v1/rounds/${r.roundId}/my-reply/seal`)
            .set('Authorization', approver)
            .send({ draftVersion: version, signatory, contactName, contactPhone: '0571-87000000', seals: [{ role: 'unit', evidenceFileId: scan }] });
          if (!storable(signatory) || !storable(contactName)) {
            expect(res.status).toBe(400);
            return;
          }
          if (res.status !== 201) {
            if (process.env.FC_DEBUG) process.stderr.write(`${res.status} ${JSON.stringify(res.body)}\n`);
            // a string the rules refuse (e.g. blank after trimming) is a 4xx, never a 500
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(res.status).toBeLessThan(500);
            return;
          }
          sealed++;
          const verified = await t.http().get(`/api/v1/receipts/${encodeURIComponent(res.body.trackingNo)}/verify`).query({ code: res.body.receipt.digest.slice(0, 16) });
          expect(verified.body).toMatchObject({ valid: true });
          const [row] = await t.dataSource.query(`SELECT signatory, contact_name FROM sealed_submission WHERE id = $1`, [res.body.submissionId]);
          // stored as sealed: NFC, trimmed — and the receipt verified on exactly that
          expect(row).toEqual({ signatory: signatory.normalize('NFC').trim(), contact_name: contactName.normalize('NFC').trim() });
        }),
        { numRuns: 40, seed: Number(process.env.FC_SEED ?? Date.now() % 100_000) },
      );
      expect(sealed).toBeGreaterThan(0);
    });
  });
});
