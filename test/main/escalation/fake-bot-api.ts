/**
 * A fake Telegram Bot API on loopback (node:http, 127.0.0.1, a free port): records every request
 * and answers each from a script (ok, an error with its description and parameters, a hang, a
 * malformed body); with the script empty it answers ok.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | { ok: true }
  | { status: number; description?: string; parameters?: Record<string, unknown>; headers?: Record<string, string> }
  /** Never answers (the client's timeout or abort ends it). */
  | { hang: true }
  /** Answers with this body as it is. */
  | { raw: string; status?: number; contentType?: string };

export const okStep: Step = { ok: true };
export const unauthorized: Step = { status: 401, description: 'Unauthorized' };
export const chatNotFound: Step = { status: 400, description: 'Bad Request: chat not found' };
export const blocked: Step = { status: 403, description: 'Forbidden: bot was blocked by the user' };
export const serverError: Step = { status: 500, description: 'Internal Server Error' };
export const hang: Step = { hang: true };
export const malformed: Step = { raw: '{"ok": tru', contentType: 'application/json' };
export const tooMany = (retryAfter: unknown): Step => ({
  status: 429,
  description: `Too Many Requests: retry after ${String(retryAfter)}`,
  parameters: { retry_after: retryAfter },
});

export interface RecordedRequest {
  method: string;
  url: string;
  contentType: string | undefined;
  body: { chat_id?: unknown; text?: unknown; disable_web_page_preview?: unknown; parse_mode?: unknown } & Record<string, unknown>;
  /** Real time it arrived. */
  at: number;
}

export class FakeBotApi {
  readonly requests: RecordedRequest[] = [];
  readonly script: Step[] = [];
  /** Requests that hang, still open. */
  readonly hanging = new Set<ServerResponse>();
  /** How many requests were aborted by the client while hanging. */
  aborted = 0;
  private server: Server | null = null;
  private messageId = 0;
  url = '';

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  answer(...steps: Step[]): this {
    this.script.push(...steps);
    return this;
  }

  texts(): string[] {
    return this.requests.map((r) => String(r.body.text));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: RecordedRequest['body'] = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
    } catch {
      body = {};
    }
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body, at: Date.now() });
    const step = this.script.shift() ?? okStep;
    if ('hang' in step) {
      this.hanging.add(res);
      res.on('close', () => {
        if (this.hanging.delete(res)) this.aborted += 1;
      });
      return;
    }
    if ('raw' in step) {
      res.writeHead(step.status ?? 200, { 'content-type': step.contentType ?? 'text/html' });
      res.end(step.raw);
      return;
    }
    if ('ok' in step) {
      this.messageId += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result: { message_id: this.messageId, chat: { id: body.chat_id }, date: 0, text: body.text } }));
      return;
    }
    res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
    res.end(
      JSON.stringify({
        ok: false,
        error_code: step.status,
        ...(step.description !== undefined ? { description: step.description } : {}),
        ...(step.parameters ? { parameters: step.parameters } : {}),
      }),
    );
  }
}
