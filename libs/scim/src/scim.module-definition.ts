import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ScimModuleOptions } from './scim-options';

export const {
  ConfigurableModuleClass: ScimModuleBase,
  MODULE_OPTIONS_TOKEN: SCIM_MODULE_OPTIONS,
  OPTIONS_TYPE: SCIM_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: SCIM_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ScimModuleOptions>().setClassMethodName('forRoot').build();
