// SHA-256 of large streams on a worker thread, so that hashing a layer (about 110 ms per 200 MB here) runs on the
// other core while the main thread unpacks it. One worker per process, started on first use and unref'd whenever
// no digest is awaited (it never keeps a finished command alive). Chunks are copied to the worker (a memcpy costs
// a tenth of hashing them); the worker acknowledges what it hashed, and a stream that runs ahead by more than
// IN_FLIGHT bytes waits, so memory stays flat however slow the worker is.

import { Worker } from 'node:worker_threads';
import { BerthError } from '../errors.js';

const IN_FLIGHT = 32 << 20;
const ACK_EVERY = 4 << 20;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', (m) => {
  let job = jobs.get(m.id);
  if (!job) jobs.set(m.id, (job = { hash: createHash('sha256'), unacked: 0 }));
  if (m.chunk) {
    job.hash.update(new Uint8Array(m.chunk));
    job.unacked += m.chunk.byteLength;
    if (job.unacked >= ${ACK_EVERY}) { parentPort.postMessage({ id: m.id, acked: job.unacked }); job.unacked = 0; }
    return;
  }
  jobs.delete(m.id);
  parentPort.postMessage({ id: m.id, acked: job.unacked, hex: job.hash.digest('hex') });
});
`;

interface Job {
  inFlight: number;
  onAck: (() => void) | null;
  onDigest: ((hex: string) => void) | null;
  fail: (e: Error) => void;
}

let worker: Worker | null = null;
let failure: Error | null = null;
let awaiting = 0;
let nextID = 1;
const jobs = new Map<number, Job>();

function startWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.on('message', (m: { id: number; acked: number; hex?: string }) => {
    const job = jobs.get(m.id);
    if (!job) return;
    job.inFlight -= m.acked;
    const ack = job.onAck;
    job.onAck = null;
    ack?.();
    if (m.hex !== undefined) {
      jobs.delete(m.id);
      job.onDigest?.(m.hex);
    }
  });
  const stop = (e: Error) => {
    failure = new BerthError('INTERNAL', `sha256 worker: ${e.message}`);
    worker = null;
    for (const job of jobs.values()) job.fail(failure);
    jobs.clear();
  };
  w.on('error', stop);
  w.on('exit', (code) => stop(new Error(`exited with code ${code}`)));
  // after the listeners: adding a 'message' listener refs the worker again
  if (awaiting === 0) w.unref();
  worker = w;
  return w;
}

/** An incremental SHA-256 computed on the worker. update() as bytes pass, then await hex() once. */
export class OffloadedSha256 {
  private readonly id = nextID++;
  private readonly job: Job;
  private error: Error | null = null;

  constructor() {
    this.job = { inFlight: 0, onAck: null, onDigest: null, fail: (e) => (this.error = e) };
    jobs.set(this.id, this.job);
  }

  /** Hands over a copy of `chunk`; resolves at once unless too much is still unhashed. */
  async update(chunk: Uint8Array): Promise<void> {
    if (this.error ?? failure) throw this.error ?? failure;
    const copy = new Uint8Array(chunk);
    this.job.inFlight += copy.byteLength;
    startWorker().postMessage({ id: this.id, chunk: copy.buffer }, [copy.buffer]);
    while (this.job.inFlight > IN_FLIGHT) {
      await this.settle((done) => (this.job.onAck = done));
    }
  }

  /** The hex digest of everything given to update(). */
  async hex(): Promise<string> {
    if (this.error ?? failure) throw this.error ?? failure;
    const w = startWorker();
    return this.settle<string>((done) => {
      this.job.onDigest = done;
      w.postMessage({ id: this.id, done: true });
    });
  }

  /** Gives the hash up (its stream was destroyed): a wait in progress ends with an error, the worker forgets it. */
  abandon(): void {
    if (!jobs.has(this.id)) return;
    jobs.delete(this.id);
    worker?.postMessage({ id: this.id, done: true });
    this.job.fail(new BerthError('FAILED_PRECONDITION', 'hash abandoned'));
  }

  /** Waits for the worker's answer, keeping the process alive meanwhile; fails if the worker dies. */
  private settle<T = void>(arm: (done: (v: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (awaiting++ === 0) worker?.ref();
      const end = () => {
        this.job.fail = (e) => (this.error = e);
        if (--awaiting === 0) worker?.unref();
      };
      this.job.fail = (e) => {
        this.error = e;
        end();
        reject(e);
      };
      arm((v: T) => {
        end();
        resolve(v);
      });
    });
  }
}
