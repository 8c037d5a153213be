// (http) POST /webhooks/sms/{vendor} -> verify -> normalize -> store (idempotent) -> events queue
import { webhookHandler } from '../../shared/http/webhookHandler.js';

export const handler = webhookHandler('sms');
