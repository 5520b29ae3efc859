/**
 * The one module that imports zod: the schema builder every validated
 * boundary (the Article record, `_data/` files) uses.
 */
export { z } from 'zod';
