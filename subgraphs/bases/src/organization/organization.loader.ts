import { In } from 'typeorm';
import { byKey, defineLoader, groupedByKey } from '@skills-sichuan/subgraph-kit';
import { contactHistoryVault } from './contact-history-vault';
import { Contact, ContactCorrection, Organization } from './organization.entity';
import type { SealedContactCorrection } from './organization.service';
import { RecordCorrection } from './record-correction';

export const organizationById = defineLoader<string, Organization | null>('organizationById', async (ids, { db }) =>
  byKey(ids, await db.getRepository(Organization).findBy({ id: In([...ids]) }), (o) => o.id),
);

export const contactsOf = defineLoader<string, Contact[]>('contactsOf', async (ids, { db }) =>
  groupedByKey(
    ids,
    await db.getRepository(Contact).find({ where: { organizationId: In([...ids]) }, order: { organizationId: 'ASC', position: 'ASC' } }),
    (c) => c.organizationId,
  ),
);

/** Each organisation's contact corrections, oldest first, opened: one statement for any number of organisations. */
export const contactHistoryOf = defineLoader<string, RecordCorrection[]>('contactHistoryOf', async (ids, { db }) => {
  const vault = contactHistoryVault();
  const rows = await db
    .getRepository(ContactCorrection)
    .find({ where: { organizationId: In([...ids]) }, order: { organizationId: 'ASC', seq: 'ASC' } });
  return groupedByKey(ids, rows, (c) => c.organizationId).map((corrections) =>
    corrections.map(({ id, seq, correctedBy, correctorRole, correctedAt, sealed }) =>
      Object.assign(new RecordCorrection(), {
        seq,
        correctedBy,
        correctorRole,
        correctedAt,
        ...vault.open<SealedContactCorrection>(sealed, id),
      }),
    ),
  );
});
