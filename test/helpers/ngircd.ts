/**
 * A real IRC server for the chat reader's tests: Debian's ngircd, started from a config written
 * into a temp dir, listening on a free port on 127.0.0.1 only (and, with `tls`, on a second port
 * with a certificate for 127.0.0.1 made by openssl for this run). No PAM, ident or DNS lookups.
 * `stop()` and `start()` restart it on the same ports, like a server going down and coming back.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NGIRCD_PATH } from './env.js';

/** Only valid on these throw-away servers, which listen on 127.0.0.1 alone. */
export const OPERATOR_PASSWORD = 'versus-test';

export interface NgircdOptions {
  /** Seconds of silence after which ngircd PINGs a client (it allows 5 at least); it waits as long again for the PONG. */
  pingTimeoutS?: number;
  /** Also listen with TLS (`tlsPort`, certificate `ca`). */
  tls?: boolean;
}

export interface Ngircd {
  port: number;
  /** With `tls`: the TLS port and the certificate to trust. */
  tlsPort: number | undefined;
  ca: string | undefined;
  /** Everything it logged so far (for failure messages). */
  log(): string;
  /** Starts it again after stop(), on the same ports. */
  start(): Promise<void>;
  /** Ends it (SIGTERM, SIGKILL after 2 s): every connection drops. */
  stop(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and the kernel still accepts new ones, but nothing is answered. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
  /** stop() and removes the temp dir. */
  dispose(): Promise<void>;
}

/** A port nobody listens on right now (the kernel's pick). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startNgircd(options: NgircdOptions = {}): Promise<Ngircd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-ngircd-'));
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : undefined;
  let ca: string | undefined;
  if (tlsPort !== undefined) {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'].concat(
        ['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
      ),
      { stdio: 'ignore' },
    );
    ca = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  }
  fs.mkdirSync(path.join(dir, 'conf.d'));
  const config = path.join(dir, 'ngircd.conf');
  fs.writeFileSync(
    config,
    [
      '[Global]',
      'Name = versus.test',
      'Info = Versus chat reader test',
      'Listen = 127.0.0.1',
      `Ports = ${port}`,
      'MotdPhrase = Versus chat reader test',
      '[Limits]',
      `PingTimeout = ${options.pingTimeoutS ?? 120}`,
      `PongTimeout = ${options.pingTimeoutS ?? 20}`,
      'MaxConnectionsIP = 0',
      'MaxNickLength = 30', // justinfan + 5 digits is 14; the RFC default is 9
      // No flood penalties: the tests' viewers send a burst of messages and join several times a second.
      'MaxPenaltyTime = 0',
      // A safety net: a server left behind by a crashed test run ends itself after two idle minutes.
      'IdleTimeout = 120',
      '[Options]',
      'PAM = no',
      'Ident = no',
      'DNS = no',
      // Not the machine's /etc/ngircd/ngircd.conf.d: this server's config is only this file.
      `IncludeDir = ${path.join(dir, 'conf.d')}`,
      // Lets a test client KILL another (OPER operator <OPERATOR_PASSWORD>), as a server that drops a user would.
      '[Operator]',
      'Name = operator',
      `Password = ${OPERATOR_PASSWORD}`,
      ...(tlsPort === undefined
        ? []
        : ['[SSL]', `CertFile = ${path.join(dir, 'cert.pem')}`, `KeyFile = ${path.join(dir, 'key.pem')}`, `Ports = ${tlsPort}`]),
      '',
    ].join('\n'),
  );

  let output = '';
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const started = spawn(NGIRCD_PATH, ['--nodaemon', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`ngircd exited with ${started.exitCode}:\n${output}`);
      if ((await canConnect(port)) && (tlsPort === undefined || (await canConnect(tlsPort)))) return;
      if (Date.now() > deadline) throw new Error(`ngircd did not listen within 10 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    running.kill('SIGCONT'); // a paused server handles its SIGTERM once it runs
    const force = setTimeout(() => running.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(force);
  }

  await start();
  return {
    port,
    tlsPort,
    ca,
    log: () => output,
    start,
    stop,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async dispose() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
