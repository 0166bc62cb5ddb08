import type { DynamicModule, Type } from '@nestjs/common';

/**
 * The module that provides the channels' ports (./ports) — DELIVERY_LOG,
 * ATTACHMENT_SINK, CONVERSATION_HISTORY, REPLY_MATERIALS,
 * CONTACT_VERIFICATION — given by the app that runs the channels, so that
 * libs/channels depends on no implementation of them.
 */
export type ChannelPorts = Type | DynamicModule;
