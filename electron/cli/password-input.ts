import { UsageError } from './usage.ts';

/** Reads the whole of stdin; the password is its first line, without the line break. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError('--password-stdin given but standard input was empty');
  return password;
}

/** Prompts on the terminal without echoing what is typed. */
export async function promptPassword(
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
  label = 'Mật khẩu / Password: ',
): Promise<string> {
  if (!stdin.isTTY) throw new UsageError('no terminal to prompt for a password: use --password-stdin');
  stderr.write(label);
  stdin.setRawMode(true);
  stdin.resume();
  let value = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const onData = (data: Buffer) => {
        for (const ch of data.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.off('data', onData);
            resolve(value);
            return;
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            reject(new UsageError('cancelled'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    stderr.write('\n');
  }
}
