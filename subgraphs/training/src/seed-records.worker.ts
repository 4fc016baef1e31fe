/** A seed worker: its slice of the programs' rows, in batches, never more than BATCHES_AHEAD unwritten. */
import { parentPort, workerData } from 'node:worker_threads';
import { BATCHES_AHEAD, batchesOf, recordRows, type RecordRow, type RecordWorkerData, type RecordWorkerMessage } from './seed-records';

const port = parentPort!;
const { seed, programs } = workerData as RecordWorkerData;
let unwritten = 0;
let written: (() => void) | undefined;
port.on('message', () => {
  unwritten -= 1;
  written?.();
  written = undefined;
});

async function send(batch: RecordRow[]) {
  port.postMessage({ batch } satisfies RecordWorkerMessage);
  unwritten += 1;
  while (unwritten >= BATCHES_AHEAD) await new Promise<void>((resolve) => (written = resolve));
}

async function run() {
  for (const batch of batchesOf(recordRows(seed, programs))) await send(batch);
  port.postMessage({ done: true } satisfies RecordWorkerMessage);
  port.close();
}

void run();
