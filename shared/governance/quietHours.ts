import type { QuietHours } from '../config/programConfig.js';
import { localParts, nextWindowStart } from './localTime.js';

/** The daily local window a send is allowed in, `[start, end)` as `HH:MM`. */
export interface SendWindow {
  start: string;
  end: string;
}

/** The program's window, or the stricter one configured for the recipient's country. */
export function sendWindowFor(quietHours: QuietHours, country?: string): SendWindow {
  const override = country ? quietHours.byCountry[country.toUpperCase()] : undefined;
  return override ?? { start: quietHours.start, end: quietHours.end };
}

export type WindowCheck = { open: true } | { open: false; opensAt: Date; localTime: string };

/** Whether `now` is inside the window in `timeZone`, and if not when it next opens. */
export function checkSendWindow(now: Date, timeZone: string, window: SendWindow): WindowCheck {
  const opensAt = nextWindowStart(now, timeZone, window.start, window.end);
  if (opensAt.getTime() === now.getTime()) return { open: true };
  const p = localParts(now, timeZone);
  const localTime = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return { open: false, opensAt, localTime };
}
