import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A client's operation registered with the gateway, by the SHA-256 of its text: the partner
 * checks refuse a change that would break one.
 */
@Entity('client_operation')
export class ClientOperation {
  /** the client that sends it (apollographql-client-name), e.g. "dashboard" */
  @PrimaryColumn('varchar', { length: 64 })
  client: string;

  /** hex SHA-256 of the document */
  @PrimaryColumn('varchar', { length: 64 })
  hash: string;

  @Column('varchar', { length: 128 })
  name: string;

  @Column('text')
  document: string;

  @Column('varchar', { name: 'registered_at', length: 32 })
  registeredAt: string;

  @Column('varchar', { name: 'registered_by', length: 160 })
  registeredBy: string;
}
