/** The template core: scan placeholders, validate a template, render it, and the variable catalogue. */
export { TEMPLATE_CODES, type TemplateCode } from './codes';
export {
  CALLBACK_KINDS,
  CALLBACK_TYPES,
  CUSTOM_DATA_KINDS,
  DEFAULT_KIND,
  acceptsCustomData,
  allVariableNames,
  callbackSubtypeByCode,
  callbackTypeByCode,
  callbackTypeByName,
  findVariable,
  isSubtypeOf,
  kindLabel,
  renderedTypeOfField,
  resolveKind,
  variableIn,
  variablesFor,
  type CallbackKind,
  type CallbackSubtypeInfo,
  type CallbackSubtypeName,
  type CallbackTypeInfo,
  type CallbackTypeName,
  type RenderedType,
  type VariableAvailability,
  type VariableDeprecation,
  type VariableInfo,
} from './variables';
export {
  CUSTOM_DATA_PREFIX,
  isFieldName,
  isVariableName,
  placeholderAt,
  scanTemplate,
  type LookalikeIssue,
  type Placeholder,
  type PlaceholderKind,
  type PlaceholderLookalike,
  type TemplateScan,
} from './scan';
export { isJsonContentType, jsonBodyReason, type JsonBodyReason, type TemplateMedium } from './json';
export { didYouMean } from '../suggest';
export { validateTemplate, type TemplateContext } from './validate';
export { renderTemplate, type CustomDataInput, type RenderInput, type RenderResult } from './render';
