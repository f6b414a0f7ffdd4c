import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import {
  type AnswerVariables,
  answer,
  answers,
  SECURE_HEADER_OPTIONS,
  SECURITY_HEADERS,
  setAnswerHeaders,
} from './answer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('answer', () => {
  it("SECURITY_HEADERS are exactly what Hono's secureHeaders sets with the same options", async () => {
    const hono = new Hono();
    hono.use(secureHeaders(SECURE_HEADER_OPTIONS));
    hono.get('/', (c) => c.body(null, 204));
    const response = await hono.request('/');
    expect(Object.fromEntries(response.headers)).toEqual(SECURITY_HEADERS);
  });

  it('builds the answer with every gathered header, as a plain record', async () => {
    const app = new Hono<{ Variables: AnswerVariables }>();
    app.use(answers());
    app.get('/', (c) => {
      setAnswerHeaders(c, { 'cache-control': 'no-store' });
      setAnswerHeaders(c, { 'retry-after': '5' });
      return answer(c, { ok: true }, 201);
    });
    const response = await app.request('/');
    expect(response.status).toBe(201);
    const headers = Object.fromEntries(response.headers);
    expect(headers).toMatchObject({
      ...SECURITY_HEADERS,
      'cache-control': 'no-store',
      'retry-after': '5',
      'content-type': 'application/json',
    });
    expect(headers['x-request-id']).toMatch(UUID);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('a bodiless answer has no content type', async () => {
    const app = new Hono();
    app.get('/', (c) => answer(c, null, 204));
    const response = await app.request('/');
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([204, null, '']);
  });

  it('gives every request its own id, never the one the client sent', async () => {
    const app = new Hono<{ Variables: AnswerVariables }>();
    app.use(answers());
    app.get('/', (c) => answer(c, { id: c.get('requestId') }));
    const first = await app.request('/', { headers: { 'X-Request-Id': 'client-chosen' } });
    const second = await app.request('/');
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect(await first.json()).toEqual({ id: ids[0] });
  });

  it('a response built some other way still leaves with the security headers and the id', async () => {
    const app = new Hono<{ Variables: AnswerVariables }>();
    app.use(answers());
    app.get('/', (c) => {
      setAnswerHeaders(c, { vary: 'Origin' });
      return c.text('plain', 200, { 'X-Frame-Options': 'DENY' });
    });
    const response = await app.request('/');
    const headers = Object.fromEntries(response.headers);
    expect(headers).toMatchObject({ ...SECURITY_HEADERS, 'x-frame-options': 'DENY', vary: 'Origin' });
    expect(headers['x-request-id']).toMatch(UUID);
    expect(await response.text()).toBe('plain');
  });
});
