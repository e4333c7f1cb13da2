/* lk-comfy-json.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LK_COMFY_JSON_MAX_LENGTH:
 *
 * The largest answer Lorakeet reads from a ComfyUI server (an `/object_info` with many custom
 * node packs is a few MB; a full `/history` can be larger, which is why it is never asked for
 * without `max_items`).
 */
#define LK_COMFY_JSON_MAX_LENGTH (256u * 1024u * 1024u)

JsonNode   *lk_comfy_json_parse             (const char  *data,
                                             gsize        length,
                                             GError     **error);
JsonNode   *lk_comfy_json_parse_bytes       (GBytes      *bytes,
                                             GError     **error);
JsonObject *lk_comfy_json_get_object        (JsonObject  *object,
                                             const char  *member);
JsonArray  *lk_comfy_json_get_array         (JsonObject  *object,
                                             const char  *member);
const char *lk_comfy_json_get_string        (JsonObject  *object,
                                             const char  *member);
char       *lk_comfy_json_dup_id            (JsonObject  *object,
                                             const char  *member);
gboolean    lk_comfy_json_get_number        (JsonObject  *object,
                                             const char  *member,
                                             double      *value);
gint64      lk_comfy_json_get_int           (JsonObject  *object,
                                             const char  *member,
                                             gint64       fallback);
gboolean    lk_comfy_json_node_get_number   (JsonNode    *node,
                                             double      *value);
char       *lk_comfy_json_node_dup_id       (JsonNode    *node);
char       *lk_comfy_json_to_string         (JsonNode    *node,
                                             gboolean     pretty);

G_END_DECLS
