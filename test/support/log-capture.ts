import { Writable } from 'node:stream';

/** Collects every JSON log line the app writes (pass it as `logDestination`). */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter((l) => l.trim() !== '')) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line));
    }
    done();
  }
}
