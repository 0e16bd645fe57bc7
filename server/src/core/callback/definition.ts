/**
 * A callback definition as understood: the parsed file plus the values the other parts need
 * (type, subtype, channel, method, content type, connector), each only when it is valid. Checks,
 * build and the simulator all start here, so they agree on what the file means.
 */
import { callbackSubtypeByCode, callbackTypeByCode, type CallbackSubtypeName, type CallbackTypeName } from '../template/variables';
import {
  parseDefinitionDocument,
  propertiesOf,
  stringLiteralOf,
  type DefinitionDocument,
  type JsonNode,
  type JsonProperty,
} from './document';
import type { JsonStringLiteral } from './jsonString';
import { CHANNELS, HTTP_METHODS, connectorInfo, type Channel, type ConnectorInfo, type HttpMethod } from './keys';

export interface ConnectorBlock {
  readonly node: JsonNode;
  readonly properties: readonly JsonProperty[];
  /** Undefined when `type` is missing or unknown. */
  readonly info: ConnectorInfo | undefined;
}

export interface CallbackDefinition {
  readonly document: DefinitionDocument;
  readonly text: string;
  /** The root object; undefined when the file is not an object. */
  readonly object: JsonNode | undefined;
  /** Root properties in file order, duplicates included. */
  readonly properties: readonly JsonProperty[];
  readonly type: CallbackTypeName | undefined;
  /** Set only when valid for the type. */
  readonly subtype: CallbackSubtypeName | undefined;
  readonly channel: Channel | undefined;
  readonly httpMethod: HttpMethod | undefined;
  /** As written (any string). */
  readonly contentType: string | undefined;
  readonly connector: ConnectorBlock | undefined;
  /** The first property of that name. */
  property(key: string): JsonProperty | undefined;
  /** The value of the first property of that name, when it is a string. */
  string(key: string): JsonStringLiteral | undefined;
}

export function readCallbackDefinition(text: string): CallbackDefinition {
  const document = parseDefinitionDocument(text);
  const object = document.root?.type === 'object' ? document.root : undefined;
  const properties = propertiesOf(object);
  const first = new Map<string, JsonProperty>();
  for (const p of properties) if (!first.has(p.key)) first.set(p.key, p);
  const property = (key: string): JsonProperty | undefined => first.get(key);
  const strings = new Map<string, JsonStringLiteral | undefined>();
  const string = (key: string): JsonStringLiteral | undefined => {
    if (!strings.has(key)) strings.set(key, stringLiteralOf(text, property(key)?.valueNode));
    return strings.get(key);
  };
  const integer = (key: string): number | undefined => {
    const node = property(key)?.valueNode;
    return node?.type === 'number' && Number.isInteger(node.value) ? (node.value as number) : undefined;
  };

  const typeCode = integer('callbackType');
  const type = typeCode === undefined ? undefined : callbackTypeByCode(typeCode)?.name;
  const subtypeCode = integer('callbackSubtype');
  const subtype = type && subtypeCode !== undefined ? callbackSubtypeByCode(type, subtypeCode)?.name : undefined;
  const channelValue = string('channel')?.value;
  const channel = CHANNELS.find(c => c === channelValue);
  const methodValue = string('httpMethod')?.value;
  const httpMethod = HTTP_METHODS.find(m => m === methodValue);
  const contentType = string('contentType')?.value;

  const connectorNode = property('connector')?.valueNode;
  let connector: ConnectorBlock | undefined;
  if (connectorNode?.type === 'object') {
    const connectorProperties = propertiesOf(connectorNode);
    const typeNode = connectorProperties.find(p => p.key === 'type')?.valueNode;
    const info = typeNode?.type === 'string' ? connectorInfo(String(typeNode.value)) : undefined;
    connector = { node: connectorNode, properties: connectorProperties, info };
  }

  return { document, text, object, properties, type, subtype, channel, httpMethod, contentType, connector, property, string };
}

/** The first property of a connector block with that name, as a string literal. */
export function connectorString(definition: CallbackDefinition, key: string): JsonStringLiteral | undefined {
  const node = definition.connector?.properties.find(p => p.key === key)?.valueNode;
  return stringLiteralOf(definition.text, node);
}
