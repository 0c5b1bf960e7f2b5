// Entry of the inference host as an Electron utilityProcess: the parent port carries the host protocol,
// and this is the only process of the app that runs onnxruntime (ARCHITECTURE.md §2).
import { inferenceHandlers, shutdownInference } from '../src/inference/host/inference-jobs';
import { serveHost } from '../src/inference/host/serve-host';
import { utilityHostPort } from './host-port';

serveHost(utilityHostPort(), inferenceHandlers(), { onShutdown: shutdownInference });
