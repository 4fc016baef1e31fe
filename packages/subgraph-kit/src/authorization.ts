import type { AuthChecker } from 'type-graphql';
import { DomainError, ErrorCode, Role } from '@skills-sichuan/runtime';
import type { RequestContext } from './context';

/**
 * The one role check of every subgraph, behind type-graphql's @Authorized(...roles):
 * PROVINCIAL_ADMIN may do everything; anyone else needs one of the roles named, and
 * @Authorized() with none named needs only to be signed in as one of the program's own roles (a
 * partner's token reads what the public reads, DOMAIN.md "Roles"). Scope (own city, own
 * organisation) is checked next to the data, with Viewer.assertCity / assertOrganization.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  const { viewer } = context;
  if (viewer.role === Role.PROVINCIAL_ADMIN) return true;
  if (roles.length === 0 ? !viewer.isPublic && viewer.role !== Role.PARTNER : roles.includes(viewer.role)) return true;
  const needed = roles.length === 0 ? 'any signed-in role' : [...roles, Role.PROVINCIAL_ADMIN].join(' or ');
  if (viewer.isPublic) throw new DomainError(ErrorCode.UNAUTHENTICATED, `sign in first: this needs ${needed}`);
  throw new DomainError(ErrorCode.FORBIDDEN, `a ${viewer.role} may not do this: it needs ${needed}`, { reason: 'ROLE' });
};
