/**
 * A large file written over what the spare copy holds, piece by piece as its
 * pieces are made: compared with the file while they agree, overwritten in
 * place from the first piece that differs (this copy is not the one being
 * served), cut to its new length at the end.
 */
import { closeSync, fstatSync, ftruncateSync, readSync, writeSync } from 'node:fs';

/** One large file being brought up to date; `close` it whatever happens. */
export class PieceWriter {
  /** The pieces so far are what the file already holds. */
  private same: boolean;
  private at = 0;
  /**
   * What the file held where a piece is compared with it, read into the same buffer piece after piece: a fresh
   * megabyte per piece was fresh memory for the whole file (`api/topics.json`: 92 MB at 16 000 articles), and each
   * new page of memory costs more here than reading it.
   */
  private compared = Buffer.alloc(0);

  /** `fd`: the file, open for reading and writing; `exists`: it held something to compare with. */
  constructor(
    private readonly fd: number,
    exists: boolean,
  ) {
    this.same = exists;
  }

  /** The next piece. */
  put(chunk: Uint8Array): void {
    if (this.same) {
      if (this.compared.length < chunk.length) this.compared = Buffer.allocUnsafe(chunk.length);
      const old = this.compared.subarray(0, chunk.length);
      this.same = readSync(this.fd, old, 0, chunk.length, this.at) === chunk.length && old.equals(chunk);
    }
    for (let done = 0; !this.same && done < chunk.length; ) done += writeSync(this.fd, chunk, done, chunk.length - done, this.at + done);
    this.at += chunk.length;
  }

  /** Cuts the file after the last piece; true when its bytes changed. */
  finish(): boolean {
    if (this.same && fstatSync(this.fd).size === this.at) return false;
    ftruncateSync(this.fd, this.at);
    return true;
  }

  close(): void {
    closeSync(this.fd);
  }
}
