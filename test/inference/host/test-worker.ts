// Entry of the test host worker.
import { serveHost } from '../../../src/inference/host/serve-host';
import { workerHostPort } from '../../../src/inference/host/worker-port';
import { testHandlers } from './test-jobs';

serveHost(workerHostPort(), testHandlers);
