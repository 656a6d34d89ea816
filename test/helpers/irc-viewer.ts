/**
 * A chat user for tests against a real IRC server (test/helpers/ngircd.ts): a minimal IRC client
 * on a plain socket that registers, joins a channel and says things.
 */
import net from 'node:net';
import { vi } from 'vitest';
import { type IrcMessage, parseIrcLine } from '../../src/live/chat/irc-line.js';

/** A chat user: a minimal IRC client on a plain socket that registers, joins and says things. */
export class IrcViewer {
  readonly lines: string[] = [];
  private readonly socket: net.Socket;
  private buffered = '';
  closed = false;

  private constructor(
    readonly channel: string,
    port: number,
    readonly nick: string,
    /** A silent viewer never answers PING, so the server drops it. */
    private readonly answersPing: boolean,
  ) {
    this.socket = net.connect({ host: '127.0.0.1', port });
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => this.receive(chunk));
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => (this.closed = true));
  }

  /** Connects as `nick` and joins `channel`; resolves once the server confirmed the join. */
  static async join(channel: string, port: number, nick: string, options: { answersPing?: boolean; channel?: string } = {}): Promise<IrcViewer> {
    const viewer = new IrcViewer(channel, port, nick, options.answersPing ?? true);
    viewer.send(`NICK ${nick}`, `USER ${nick.toLowerCase()} 0 * :${nick}`);
    await viewer.waitFor((m) => m.command === '001');
    viewer.send(`JOIN #${options.channel ?? channel}`);
    await viewer.waitFor((m) => m.command === '366'); // end of the channel's names: joined
    return viewer;
  }

  say(...texts: string[]): void {
    this.send(...texts.map((text) => `PRIVMSG #${this.channel} :${text}`));
  }

  send(...lines: string[]): void {
    this.socket.write(lines.map((line) => `${line}\r\n`).join(''));
  }

  /** Resolves when a line the server sent matches (including lines already received). */
  async waitFor(match: (message: IrcMessage) => boolean, timeoutMs = 5_000): Promise<void> {
    const isSeen = () =>
      this.lines.some((line) => {
        const message = parseIrcLine(line);
        return message !== null && match(message);
      });
    await vi.waitFor(
      () => {
        if (!isSeen()) throw new Error(`${this.nick} is still waiting`);
      },
      { timeout: timeoutMs, interval: 20 },
    );
  }

  quit(): void {
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    const lines = this.buffered.split('\r\n');
    this.buffered = lines.pop() ?? '';
    for (const line of lines) {
      this.lines.push(line);
      const message = parseIrcLine(line);
      if (this.answersPing && message?.command === 'PING') this.send(`PONG :${message.params[0] ?? ''}`);
    }
  }
}

