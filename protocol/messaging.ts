import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './map';

/** The typed binding of the ProtocolMap: every context sends and listens through it. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
