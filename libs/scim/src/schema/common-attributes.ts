import { AttributeDefinition, defineAttribute } from './attribute';

const readOnly = { mutability: 'readOnly' } as const;

/**
 * RFC 7643 §3.1 common attributes of every resource. They resolve as core attributes but, as in
 * RFC 7643 §8.7.1, are not listed in the rendered core schemas.
 */
export const commonAttributes: readonly AttributeDefinition[] = [
  defineAttribute('id', 'Unique identifier of the resource, issued by the service provider.', {
    ...readOnly,
    caseExact: true,
    returned: 'always',
    uniqueness: 'server',
  }),
  defineAttribute('externalId', 'Identifier of the resource as defined by the provisioning client.', {
    caseExact: true,
  }),
  defineAttribute('meta', 'Resource metadata.', {
    ...readOnly,
    type: 'complex',
    subAttributes: [
      defineAttribute('resourceType', 'Name of the resource type.', { ...readOnly, caseExact: true }),
      defineAttribute('created', 'When the resource was added.', { ...readOnly, type: 'dateTime' }),
      defineAttribute('lastModified', 'When the resource was last updated.', { ...readOnly, type: 'dateTime' }),
      defineAttribute('location', 'URI of the resource.', {
        ...readOnly,
        type: 'reference',
        caseExact: true,
        referenceTypes: ['uri'],
      }),
      defineAttribute('version', 'Version (ETag) of the resource.', { ...readOnly, caseExact: true }),
    ],
  }),
];
