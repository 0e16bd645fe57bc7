/**
 * Callback definitions (`*.sfcallback.json`): checks, build, request rendering and the BIDIR
 * answer check. Pure: text in, referenced files through a `CallbackFileResolver`, no fs, no network.
 */
export { CALLBACK_CODES, type CallbackCode } from './codes';
export {
  analyzeCallback,
  referencedFileProblems,
  validateCallback,
  validateCallbackWithReferences,
  type CallbackProblem,
  type CallbackValidation,
} from './validate';
export { buildCallback, type BuildResult, type BuiltCallback } from './build';
export { readCallbackDefinition, type CallbackDefinition, type ConnectorBlock } from './definition';
export { resolveReference, type CallbackFileResolver, type EmbeddedText, type ReferenceKind } from './references';
export { embeddedTemplates, templateContext, type EmbeddedTemplate } from './checks';
export { decodeJsonString, toRawRange, type JsonStringLiteral } from './jsonString';
export { envReference, resolveEnvReferences, scanEnvReferences, type EnvReference, type Environment } from './envReference';
export {
  CHANNELS,
  CONNECTORS,
  CONTENT_TYPES,
  DEFAULT_CONTENT_TYPE,
  DEFINITION_KEYS,
  HTTP_METHODS,
  connectorInfo,
  type Channel,
  type ConnectorInfo,
  type ConnectorType,
  type DefinitionKey,
  type HttpMethod,
} from './keys';
export {
  renderCallbackRequest,
  decodeCustomData,
  type RenderNote,
  type RenderedRequest,
  type RequestInput,
  type RequestRendering,
} from './request';
export { sampleVariables, type VariableValue } from './sampleVariables';
export { checkDownlinkReply, DOWNLINK_BYTES, type DownlinkReplyCheck, type DownlinkReplyInput, type ReplyProblem } from './downlinkReply';
