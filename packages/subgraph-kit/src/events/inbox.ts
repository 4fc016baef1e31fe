import type { DataSource, EntityManager } from 'typeorm';
import { constraintViolated, type Logger } from '@skills-sichuan/runtime';
import type { EventPayloads, EventType, GraphEvent } from './catalog';
import { InboxEvent } from './event.entities';
import { backgroundTransaction } from './outbox';

/** How a subgraph applies one kind of event: inside the transaction that also records it as applied. */
export type EventHandler<T extends EventType> = (manager: EntityManager, payload: EventPayloads[T], event: GraphEvent<T>) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

export type Receipt = 'applied' | 'duplicate' | 'ignored';

/**
 * Applies an event once, whatever how often it arrives: the handler's writes and the inbox
 * row commit together, and a second delivery finds the row and changes nothing.
 */
export async function receiveEvent(db: DataSource, handlers: EventHandlers, event: GraphEvent, log: Logger): Promise<Receipt> {
  const handler = handlers[event.type] as EventHandler<EventType> | undefined;
  if (!handler) return 'ignored';
  try {
    return await backgroundTransaction(db, async (manager) => {
      if (await manager.getRepository(InboxEvent).existsBy({ id: event.id })) return 'duplicate';
      await handler(manager, event.payload, event);
      await manager
        .getRepository(InboxEvent)
        .insert({ id: event.id, type: event.type, producer: event.producer, appliedAt: new Date().toISOString() });
      log.info({ event: event.id, type: event.type, producer: event.producer }, 'applied an event');
      return 'applied';
    });
  } catch (err) {
    // two deliveries at once: the other one applied it
    if (constraintViolated(err) === 'unique') return 'duplicate';
    throw err;
  }
}
