// (http) POST /webhooks/crm/{vendor} -> verify -> normalize -> store (idempotent) -> events queue
import { webhookHandler } from '../../shared/http/webhookHandler.js';

export const handler = webhookHandler('crm');
