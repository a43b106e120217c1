import { licenceNames } from './output-settings.ts';
import { outputTextHtml } from './output-text.ts';

/** How pages write an output: its notes as escaped text with links (`it.h.outputText(...)`), its licence by name. */
export const outputViewHelpers = {
  outputText: outputTextHtml,
  licenceNames,
};
