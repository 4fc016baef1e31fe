const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for the shape every record id of the graph has (a UUID); whether it exists is its owner's to say. */
export function isRecordId(value: string): boolean {
  return RECORD_ID.test(value);
}
