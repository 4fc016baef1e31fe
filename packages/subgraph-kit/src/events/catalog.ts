/**
 * The events one subgraph records for others to act on: the contract between them, in one
 * place. A producer writes an event in the same transaction as the change it reports (the
 * outbox); each consumer applies it at least once, idempotently (the inbox), and in the order
 * of `subjectSeq` for one subject, so a late redelivery never undoes a newer change.
 */
import { EVENT_CONSUMERS } from '@skills-sichuan/runtime';

export type RosterSubjectKind = 'BASE' | 'INSTITUTION';

export interface EventPayloads {
  /**
   * bases: a subject was suspended, revoked or exited the roster (取消资格). Brands suspends or
   * revokes the organisation's licences of the subject's brands (a sub-brand's counting for its
   * public brand) that no other ACTIVE subject of the organisation still carries;
   * evaluation records no assessment of the subject for a year after the decision's.
   */
  'roster.subject-disqualified': {
    decisionId: string;
    decisionReference: string;
    subjectType: RosterSubjectKind;
    subjectId: string;
    organizationId: string;
    action: 'SUSPEND' | 'REVOKE' | 'EXIT';
    decidedOn: string;
    /** the subject's brands */
    brandIds: string[];
    /** the brands of the organisation's other subjects still ACTIVE: the licences they carry stay */
    remainingBrandIds: string[];
    /** the decision's place in the subject's roster history */
    subjectSeq: number;
  };
  /** bases: a subject is ACTIVE again (REINSTATE after a suspension, ADD after a revocation or exit) */
  'roster.subject-restored': {
    decisionId: string;
    subjectType: RosterSubjectKind;
    subjectId: string;
    organizationId: string;
    action: 'REINSTATE' | 'ADD';
    decidedOn: string;
    brandIds: string[];
    subjectSeq: number;
  };
  /**
   * evaluation: an organisation, or one of its bases or institutions, went on or off the
   * dishonesty list (失信惩戒). Bases and brands keep the flag their doors check.
   */
  'credit.dishonesty-changed': {
    organizationId: string;
    /** null: the organisation itself */
    subjectType: RosterSubjectKind | null;
    subjectId: string | null;
    dishonest: boolean;
    creditEventId: string;
    occurredOn: string;
    /** the list events of this subject so far: a later change carries a greater number */
    subjectSeq: number;
  };
}

export type EventType = keyof EventPayloads;

/** An event as it travels: who produced it, when, and what it says. */
export interface GraphEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  producer: string;
  occurredAt: string;
  payload: EventPayloads[T];
}

export const EVENT_TYPES = Object.keys(EVENT_CONSUMERS) as readonly EventType[];

/** Refuses a subgraph whose handlers are not exactly its entries in the routing table (EVENT_CONSUMERS). */
export function assertHandlersRouted(subgraph: string, handled: string[]): void {
  const routed = eventsConsumedBy(subgraph).sort().join(', ');
  if ([...handled].sort().join(', ') !== routed)
    throw new Error(`${subgraph} handles [${[...handled].sort().join(', ')}] but EVENT_CONSUMERS routes it [${routed}]: make them agree`);
}

/** The event types a subgraph acts on, by the routing table. */
export const eventsConsumedBy = (subgraph: string): EventType[] =>
  EVENT_TYPES.filter((type) => (EVENT_CONSUMERS[type] as readonly string[]).includes(subgraph));

/** Refuses what is not an event of the catalogue (a delivery is checked before it is applied). */
export function parseEvent(body: unknown): GraphEvent {
  const event = body as Partial<GraphEvent> | null;
  if (
    !event ||
    typeof event.id !== 'string' ||
    typeof event.producer !== 'string' ||
    typeof event.occurredAt !== 'string' ||
    !EVENT_TYPES.includes(event.type as EventType) ||
    typeof event.payload !== 'object' ||
    event.payload === null
  )
    throw new Error('not an event of the catalogue');
  return event as GraphEvent;
}
