import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { CustomersModule } from '../../customers/customers.module';
import { GroupsModule } from '../../groups/groups.module';
import { ImportModule } from '../../import/import.module';
import { ScimAdminModule } from '../../scim-admin/scim-admin.module';
import { UsersModule } from '../../users/users.module';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';
export const ADMIN_BEARER = 'admin';

/** The modules of the admin API under /api. The SCIM protocol describes itself (/scim/v2/Schemas, ResourceTypes). */
const ADMIN_API_MODULES = [CustomersModule, UsersModule, GroupsModule, ImportModule, ScimAdminModule];

function adminApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Manager admin API')
    .setDescription(
      'Customers, their users and groups, CSV/Excel import, and SCIM administration (connection, token, status, ' +
        'provisioning log). Errors are `{statusCode, code, message, fields?}`; a 400 names the failing fields.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An admin token (ADMIN_TOKENS)' }, ADMIN_BEARER)
    .addSecurityRequirements(ADMIN_BEARER)
    .build();
  return SwaggerModule.createDocument(app, config, { include: ADMIN_API_MODULES });
}

/** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json; built on the first request. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => adminApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Manager admin API',
  });
}
