const measured = new WeakMap<object, number>();

/**
 * An answer's size as JSON, in bytes, measured once per answer: the response-size limit and the
 * stale answers both weigh each answer, and serializing it is the costly part.
 */
export function answerBytes(result: object): number {
  let bytes = measured.get(result);
  if (bytes === undefined) measured.set(result, (bytes = Buffer.byteLength(JSON.stringify(result))));
  return bytes;
}
