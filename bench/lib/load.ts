/**
 * One load phase with autocannon: N connections POST `/token` for D seconds, each request carrying a
 * fresh single-use authorization code from a pool, so every request is a real successful exchange.
 * Latency percentiles are computed here from every response's own time in milliseconds (autocannon's
 * histogram keeps whole milliseconds only, too coarse for a 2 ms budget).
 */
import autocannon from 'autocannon';

export class CodePool {
  #codes: string[] = [];
  #next = 0;

  add(codes: readonly string[]): void {
    // Drop what was used so the pool does not keep every code of a long run alive.
    this.#codes = this.#codes.slice(this.#next).concat(codes);
    this.#next = 0;
  }

  take(): string | undefined {
    return this.#next < this.#codes.length ? this.#codes[this.#next++] : undefined;
  }

  get remaining(): number {
    return this.#codes.length - this.#next;
  }
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface PhaseResult {
  /** Seconds, as autocannon measured the phase. */
  durationSec: number;
  /** Responses 200 with an access token in the body. */
  successes: number;
  /** Any other response (a non-2xx, or a 2xx without a token). */
  failures: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  exchangesPerSec: number;
  /** Over successful exchanges only. */
  latencyMs: LatencySummary;
  /** True if the pool ran dry and the phase was cut short (the result is then not valid). */
  codesExhausted: boolean;
}

export interface PhaseOptions {
  url: string;
  connections: number;
  durationSec: number;
  pool: CodePool;
  origin: string;
  redirectUri: string;
}

class Samples {
  #values = new Float64Array(1 << 16);
  #length = 0;

  push(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  summary(): LatencySummary {
    const sorted = this.#values.slice(0, this.#length).sort();
    const n = sorted.length;
    // Nearest-rank percentile.
    const at = (p: number) =>
      n === 0 ? Number.NaN : (sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] ?? Number.NaN);
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      p50: at(50),
      p90: at(90),
      p99: at(99),
      p999: at(99.9),
      max: at(100),
      mean: n === 0 ? Number.NaN : sum / n,
    };
  }
}

export function runPhase(options: PhaseOptions): Promise<PhaseResult> {
  const { pool } = options;
  const okLatencies = new Samples();
  let successes = 0;
  let failures = 0;
  let codesExhausted = false;
  let instance: autocannon.Instance | undefined;
  // Set per response by onResponse, read by the 'response' event that follows it for the same request.
  let lastOk = false;

  const request: autocannon.Request = {
    method: 'POST',
    path: '/token',
    setupRequest: (req) => {
      let code = pool.take();
      if (code === undefined) {
        codesExhausted = true;
        instance?.stop();
        code = 'pool-exhausted';
      }
      return { ...req, body: JSON.stringify({ code, redirect_uri: options.redirectUri }) };
    },
    onResponse: (status, body) => {
      lastOk = status === 200 && body.includes('"access_token":"');
      if (lastOk) successes++;
      else failures++;
    },
  };

  return new Promise((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSec,
        headers: { 'content-type': 'application/json', origin: options.origin },
        requests: [request],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          durationSec: result.duration,
          successes,
          failures,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes: Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
          ),
          exchangesPerSec: successes / result.duration,
          latencyMs: okLatencies.summary(),
          codesExhausted,
        });
      },
    );
    // autocannon calls the request's onResponse just before it emits 'response' for the same response.
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (lastOk) okLatencies.push(responseTime);
    });
  });
}
