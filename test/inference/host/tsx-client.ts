// Run with `npx tsx` by the host test: the production worker host must start from sources under tsx too.
import { InferenceClient } from '../../../src/inference/client/inference-client';
import type { InferenceJobs } from '../../../src/inference/client/jobs';
import { startWorkerHost } from '../../../src/inference/client/start-worker';

const [modelDir, cacheDir, videoPath] = process.argv.slice(2) as [string, string, string];
const client = new InferenceClient<InferenceJobs>(() => startWorkerHost());
const ping = await client.run('ping', { echo: 'tsx' });
const analysed = await client.run('analyse', { engine: { modelDir, cacheDir }, videoPath });
client.dispose();
process.stdout.write(
  `${JSON.stringify({ ping, frames: analysed.frames, totalSamples: analysed.totalSamples })}\n`,
);
