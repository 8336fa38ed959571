/** Every document type the language service knows, in the order they are asked. */
import type { DocumentType } from './documentType';
import { tracingConfigurationType } from './rules/tracing-configuration';

export const DOCUMENT_TYPES: readonly DocumentType[] = [tracingConfigurationType];
