import { Client } from 'ssh2';

/** Runs each line of a script on a router's SSH console, as a technician pasting it would; resolves with each line's output. */
export function runOverSsh(port: number, password: string, lines: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const outputs: string[] = [];
    const next = (index: number) => {
      const line = lines[index];
      if (line === undefined) {
        client.end();
        return resolve(outputs);
      }
      client.exec(line, (error, channel) => {
        if (error) return reject(error);
        let output = '';
        channel.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        channel.on('close', () => {
          outputs.push(output);
          next(index + 1);
        });
      });
    };
    client
      .on('ready', () => next(0))
      .on('error', reject)
      .connect({ host: '127.0.0.1', port, username: 'admin', password, hostVerifier: () => true });
  });
}
