// A fetch that remembers what each answer said about the server, without changing the request:
// the clock check needs the `Date` header with the local time around it, and the rate-limit check
// the X-RateLimit-* headers of the platform's last answer. Bodies are never kept.
import type { Side } from '../../shared/run-report';

export interface Exchange {
  side: Side;
  status: number;
  headers: Headers;
  /** Local clock (epoch ms) when the request left and when the answer's headers arrived. */
  sentAt: number;
  receivedAt: number;
}

export class ExchangeLog {
  readonly exchanges: Exchange[] = [];

  constructor(
    private readonly base: typeof fetch = globalThis.fetch,
    private readonly now: () => number = Date.now,
  ) {}

  fetchFor(side: Side): typeof fetch {
    const recording = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const sentAt = this.now();
      const response = await this.base(input, init);
      this.exchanges.push({ side, status: response.status, headers: response.headers, sentAt, receivedAt: this.now() });
      return response;
    };
    return recording as typeof fetch;
  }

  of(side: Side): Exchange[] {
    return this.exchanges.filter((e) => e.side === side);
  }
}
