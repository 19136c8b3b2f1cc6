import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** Who is calling the admin API, as set by AdminTokenGuard (`admin:<hash prefix of its token>`). */
export const AdminActor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const actor = context.switchToHttp().getRequest<{ adminActor?: string }>().adminActor;
  if (actor === undefined) throw new Error('AdminActor used on a route without AdminTokenGuard');
  return actor;
});
