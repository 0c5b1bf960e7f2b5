// Entry of the inference host as a worker_threads Worker (plain Node: the CLI, tests, the web bridge).
import { inferenceHandlers, shutdownInference } from './inference-jobs';
import { serveHost } from './serve-host';
import { workerHostPort } from './worker-port';

serveHost(workerHostPort(), inferenceHandlers(), { onShutdown: shutdownInference });
