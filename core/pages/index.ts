/** Page readers: label-driven, one adapter per back-office page kind. */
export { ADAPTERS, readPage, readPageSteps, readPageWithAnchors, rereadRows } from './registry';
export type { ListSource } from './registry';
export type { Steps } from './steps';
export type { AdapterCase, PageAdapter } from './adapter';
export { PageContext } from './context';
export {
  BACK_OFFICE_MATCHES,
  EXAMPLE_URLS,
  PAGE_KINDS,
  detectPageKind,
  isWorkbench,
  platformFromHost,
} from './urls';
export type { PageKind } from './urls';
export { labelKey } from './labels';
export { parseFieldValue } from './values';
export { scanPage } from './scan';
export { isRow } from './list';
