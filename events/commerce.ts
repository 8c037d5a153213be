import { z } from 'zod';
import { baseFields, CurrencySchema } from './common.js';

const money = { currency: CurrencySchema };

export const OrderPlacedSchema = z.object({
  ...baseFields,
  ...money,
  type: z.literal('order.placed'),
  orderId: z.string().min(1),
  revenueMinor: z.number().int(),
  marginMinor: z.number().int().optional(),
  discountMinor: z.number().int().nonnegative().default(0),
  discountCode: z.string().optional(),
});

export const InvoicePaidSchema = z.object({
  ...baseFields,
  ...money,
  type: z.literal('invoice.paid'),
  invoiceId: z.string().min(1),
  amountMinor: z.number().int(),
  subscriptionId: z.string().optional(),
});

const subscription = {
  ...baseFields,
  ...money,
  subscriptionId: z.string().min(1),
  /** Annual recurring revenue after the change, minor units. */
  arrMinor: z.number().int().optional(),
};

export const SubscriptionRenewedSchema = z.object({
  ...subscription,
  type: z.literal('subscription.renewed'),
});
export const SubscriptionExpandedSchema = z.object({
  ...subscription,
  type: z.literal('subscription.expanded'),
  deltaArrMinor: z.number().int(),
});
export const SubscriptionChurnedSchema = z.object({
  ...subscription,
  type: z.literal('subscription.churned'),
  reason: z.string().optional(),
});
