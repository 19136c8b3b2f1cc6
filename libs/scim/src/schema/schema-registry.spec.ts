import { defineAttribute, ResourceSchema } from './attribute';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { MANAGER_USER_SCHEMA } from './manager-user.schema';
import { SchemaRegistry } from './schema-registry';
import { USER_SCHEMA } from './user.schema';

const registry = SchemaRegistry.create();
const users = registry.resourceType('User');
const groups = registry.resourceType('Group');

function findNulls(value: unknown, path = '$'): string[] {
  if (value === null) {
    return [path];
  }
  if (typeof value !== 'object') {
    return [];
  }
  return Object.entries(value as object).flatMap(([k, v]) => findNulls(v, `${path}.${k}`));
}

describe(SchemaRegistry.name, () => {
  describe('resolve', () => {
    it.each([
      ['userName', 'userName'],
      ['USERNAME', 'userName'],
      ['name.givenName', 'name.givenName'],
      ['Name.GIVENNAME', 'name.givenName'],
      ['emails.value', 'emails.value'],
      ['id', 'id'],
      ['meta.lastModified', 'meta.lastModified'],
      [`${USER_SCHEMA}:userName`, 'userName'],
      [`${USER_SCHEMA.toUpperCase()}:name.familyName`, 'name.familyName'],
      [`${ENTERPRISE_USER_SCHEMA}:department`, `${ENTERPRISE_USER_SCHEMA}:department`],
      [`${ENTERPRISE_USER_SCHEMA.toLowerCase()}:DEPARTMENT`, `${ENTERPRISE_USER_SCHEMA}:department`],
      ['department', `${ENTERPRISE_USER_SCHEMA}:department`],
      ['gender', `${MANAGER_USER_SCHEMA}:gender`],
      [ENTERPRISE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    ])('resolves %s to %s', (key, name) => {
      expect(users.resolve(key)?.name).toBe(name);
    });

    it('resolves an AttrPath from the filter parser', () => {
      expect(users.resolve({ uri: ENTERPRISE_USER_SCHEMA, attr: 'Department' })).toMatchObject({
        kind: 'attribute',
        extension: true,
        schema: ENTERPRISE_USER_SCHEMA,
        name: `${ENTERPRISE_USER_SCHEMA}:department`,
      });
      expect(users.resolve({ uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', attr: 'User' })).toMatchObject(
        { kind: 'extension', schema: ENTERPRISE_USER_SCHEMA },
      );
    });

    it.each([
      'title',
      'nickName',
      'name.middleName',
      'phoneNumbers',
      `${ENTERPRISE_USER_SCHEMA}:employeeNumber`,
      'urn:example:unknown:User:department',
      USER_SCHEMA,
      '__proto__',
      'constructor',
      'toString',
      'name.givenName.x',
      'userName.x',
      '',
    ])('gives undefined for %s', (key) => {
      expect(users.resolve(key)).toBeUndefined();
    });

    it('uses the Group schema for groups', () => {
      expect(groups.resolve('members.value')?.name).toBe('members.value');
      expect(groups.resolve('displayName')).toMatchObject({ attribute: { required: true, mutability: 'readWrite' } });
      expect(users.resolve('displayName')).toMatchObject({ attribute: { mutability: 'readOnly' } });
      expect(groups.resolve('department')).toBeUndefined();
    });
  });

  describe('renderSchemas', () => {
    const rendered = registry.renderSchemas('https://h.example/scim/v2/');

    it('renders every schema as an RFC 7643 §7 resource', () => {
      expect(rendered.map((s) => s.id)).toEqual([
        USER_SCHEMA,
        ENTERPRISE_USER_SCHEMA,
        MANAGER_USER_SCHEMA,
        'urn:ietf:params:scim:schemas:core:2.0:Group',
      ]);
      expect(rendered[0]).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
        name: 'User',
        meta: { resourceType: 'Schema', location: `https://h.example/scim/v2/Schemas/${USER_SCHEMA}` },
      });
    });

    it('emits no nulls and no internal characteristics', () => {
      expect(findNulls(rendered)).toEqual([]);
      expect(JSON.stringify(rendered)).not.toContain('enforceCanonicalValues');
    });

    it('uses camelCase characteristic values', () => {
      const userName = rendered[0].attributes.find((a) => a.name === 'userName');
      expect(userName).toEqual({
        name: 'userName',
        type: 'string',
        multiValued: false,
        description: expect.any(String),
        required: true,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'server',
      });
      const groupsAttr = rendered[0].attributes.find((a) => a.name === 'groups');
      expect(groupsAttr?.mutability).toBe('readOnly');
      expect(groupsAttr?.subAttributes?.map((s) => s.name)).toEqual(['value', '$ref', 'display', 'type']);
    });

    it('lists only what the service stores; common attributes are not repeated (RFC 7643 §8.7.1)', () => {
      expect(rendered[0].attributes.map((a) => a.name)).toEqual([
        'userName',
        'name',
        'displayName',
        'preferredLanguage',
        'locale',
        'active',
        'emails',
        'groups',
      ]);
      expect(rendered[2].attributes.find((a) => a.name === 'gender')?.canonicalValues).toEqual([
        'female',
        'male',
        'diverse',
        'unspecified',
      ]);
    });
  });

  it('renders /ResourceTypes', () => {
    expect(registry.renderResourceTypes('https://h.example/scim/v2')).toEqual([
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: 'User Account',
        schema: USER_SCHEMA,
        schemaExtensions: [
          { schema: ENTERPRISE_USER_SCHEMA, required: false },
          { schema: MANAGER_USER_SCHEMA, required: false },
        ],
        meta: { resourceType: 'ResourceType', location: 'https://h.example/scim/v2/ResourceTypes/User' },
      },
      expect.objectContaining({ id: 'Group', endpoint: '/Groups', schemaExtensions: [] }),
    ]);
  });

  describe('host extensions', () => {
    const costCentre: ResourceSchema = {
      id: 'urn:example:params:scim:schemas:extension:acme:2.0:User',
      name: 'AcmeUser',
      description: 'Acme',
      attributes: [defineAttribute('costCentre', 'Cost centre')],
    };

    it('binds a host extension to its resource type', () => {
      const custom = SchemaRegistry.create({ extensions: [{ resourceType: 'User', schema: costCentre }] });
      expect(custom.resourceType('user').resolve('costcentre')?.name).toBe(`${costCentre.id}:costCentre`);
      expect(custom.renderResourceTypes('x')[0].schemaExtensions).toContainEqual({ schema: costCentre.id, required: false });
    });

    it.each(['__proto__', 'constructor', 'a.b', 'urn:x'])('rejects the attribute name %s', (name) => {
      const bad = { ...costCentre, attributes: [defineAttribute(name, 'bad')] };
      expect(() => SchemaRegistry.create({ extensions: [{ resourceType: 'User', schema: bad }] })).toThrow(Error);
    });

    it('rejects an unknown resource type name', () => {
      expect(() => registry.resourceType('Device')).toThrow('Unknown resource type');
    });
  });
});
