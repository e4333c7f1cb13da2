/* lk-lora-presence.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-server-pool.h"

G_BEGIN_DECLS

/**
 * lk_lora_presence_describe_async:
 * @pool: the ComfyUI servers
 * @lora_name: the LoRA file as a `LoraLoader` names it, such as `mei_v3.safetensors`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the description
 * @user_data: data for @callback
 *
 * Asks each server's `/object_info` (cached by its client) whether its `LoraLoader` offers
 * @lora_name, and says it for the artist, one line per server.
 */
void  lk_lora_presence_describe_async  (LkServerPool         *pool,
                                        const char           *lora_name,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);

/**
 * lk_lora_presence_describe_finish:
 * @result: the result
 * @error: return location for a #GError (only %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): one line per server ("Found on http://…", "Not on
 *   http://…", or why the server could not say), or %NULL when no server is configured
 */
char *lk_lora_presence_describe_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
