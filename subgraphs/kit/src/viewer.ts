/** The roles of the program (DOMAIN.md "Roles"). */
export enum Role {
  PUBLIC = 'PUBLIC',
  CITY_ADMIN = 'CITY_ADMIN',
  BASE_OPERATOR = 'BASE_OPERATOR',
  ASSESSOR = 'ASSESSOR',
  PROVINCIAL_ADMIN = 'PROVINCIAL_ADMIN',
  PARTNER = 'PARTNER',
}

/**
 * Who is asking. The gateway verifies the caller and hands its identity to subgraphs;
 * until it does, every request is PUBLIC.
 */
export class Viewer {
  constructor(
    readonly role: Role,
    readonly subject?: string,
    readonly organizationId?: string,
    readonly cityCode?: string,
  ) {}

  static public(): Viewer {
    return new Viewer(Role.PUBLIC);
  }
}
