import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Every API schema imports z from here, so `.openapi(...)` is available on all of them.
extendZodWithOpenApi(z);

export { z };
