// The studio's job map: the input of every kind of job it runs. The queue's register and submit are typed by
// it, so each runner and every handler that submits its kind agree on the input.
import type { ContinueInput } from './runners/continue-job';
import type { ConvertInput } from './runners/convert-job';
import type { CutsInput } from './runners/cuts-job';
import type { ExportJobInput } from './runners/export-job';
import type { GenerateInput } from './runners/generate-job';
import type { ImportInput } from './runners/import-job';

/** Input of each job kind the studio runs. */
export interface StudioJobs {
  generate: GenerateInput;
  continue: ContinueInput;
  cuts: CutsInput;
  import: ImportInput;
  convert: ConvertInput;
  export: ExportJobInput;
}
