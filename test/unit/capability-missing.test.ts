import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { connectImap } from '../../electron/services/imap/imap-connection.ts';

// A scripted IMAP server that never offers STARTTLS: the client must refuse to
// continue in plaintext and say which capability is missing.
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function listen(): Promise<number> {
  server = createServer((socket) => {
    socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake server without STARTTLS\r\n');
    socket.on('data', (data) => {
      for (const line of data.toString().split('\r\n').filter(Boolean)) {
        const [tag, command] = line.split(' ');
        if (command?.toUpperCase() === 'CAPABILITY')
          socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`);
        else if (command?.toUpperCase() === 'LOGOUT') socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} BAD not expected: ${command}\r\n`);
      }
    });
  });
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port)),
  );
}

describe('STARTTLS required but not offered', () => {
  it('fails with CAPABILITY_MISSING and never sends the password in clear', async () => {
    const port = await listen();
    const received: string[] = [];
    server!.on('connection', (s) => s.on('data', (d) => received.push(d.toString())));
    const attempt = connectImap({
      server: { host: '127.0.0.1', port, security: 'starttls' },
      username: 'vanphong@binhphuoc.gov.vn',
      password: 'never-in-clear',
      allowInsecure: false,
    });
    await expect(attempt).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'CAPABILITY_MISSING');
    expect(received.join('')).not.toContain('never-in-clear');
  });
});
