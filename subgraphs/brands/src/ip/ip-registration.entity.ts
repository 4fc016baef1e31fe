import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@skills-sichuan/runtime';
import { Workflow } from '@skills-sichuan/subgraph-kit';

export enum IpKind {
  TRADEMARK = 'TRADEMARK',
  PATENT = 'PATENT',
}
registerEnumType(IpKind, { name: 'IpKind', description: '商标 or 专利' });

export enum IpStatus {
  APPLIED = 'APPLIED',
  GRANTED = 'GRANTED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(IpStatus, { name: 'IpStatus' });

export const ipWorkflow = new Workflow<IpStatus>('registration', {
  APPLIED: [IpStatus.GRANTED],
  GRANTED: [IpStatus.EXPIRED],
  EXPIRED: [],
});

/** A trademark or patent registration (商标专利) for a brand's products. */
@Entity('ip_registration')
@Index('uq_ip_registration_number', ['kind', 'registrationNumber'], { unique: true })
@Index('ix_ip_registration_brand', ['brandId', 'status'])
@ObjectType({ description: 'A trademark or patent registration (商标专利) for a brand product' })
export class IpRegistration {
  @PrimaryColumn('varchar', { length: 36 })
  @Field(() => ID)
  id: string;

  @Column('varchar', { length: 16 })
  @Field(() => IpKind)
  kind: IpKind;

  @Column('varchar', { name: 'registration_number', length: 40 })
  @Field({ description: '申请号/注册号, unique for its kind' })
  registrationNumber: string;

  @Column('varchar', { length: 200 })
  @Field({ description: 'the mark or the invention' })
  title: string;

  @Column('varchar', { name: 'brand_id', length: 36 })
  brandId: string;

  @Column('varchar', { name: 'holder_id', length: 36 })
  holderId: string;

  @Column('varchar', { length: 16 })
  @Field(() => IpStatus)
  status: IpStatus;

  @Column('date', { name: 'applied_on' })
  @Field(() => DateScalar)
  appliedOn: string;

  @Column('date', { name: 'granted_on', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  grantedOn: string | null;

  @Column('date', { name: 'expires_on', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'end of protection, set when granted' })
  expiresOn: string | null;
}
