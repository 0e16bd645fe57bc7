import type { FieldNode } from './ast';
import { renderValue, valueToJson, type DecodedValue } from './value';

/** Float width of a field for rendering (D7: float:32 renders the shortest float32 decimal). */
export function floatBitsOf(field: FieldNode): 32 | 64 {
  return field.type === 'float' && field.size === 32 ? 32 : 64;
}

/** The text Sigfox substitutes for `{customData#field}`. */
export function renderFieldValue(field: FieldNode, value: DecodedValue): string {
  return renderValue(value, floatBitsOf(field));
}

/** A JSON literal of the field's value for machine-readable output. */
export function fieldValueToJson(field: FieldNode, value: DecodedValue): string {
  return valueToJson(value, floatBitsOf(field));
}
