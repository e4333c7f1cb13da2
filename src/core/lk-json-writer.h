/* lk-json-writer.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LK_JSON_MAX_DEPTH:
 *
 * The deepest nesting the JSON helpers accept: lk_json_node_get_depth() lets callers refuse
 * trees from elsewhere before writing or copying them.
 */
#define LK_JSON_MAX_DEPTH 64

/**
 * LkJsonWriteFlags:
 * @LK_JSON_WRITE_COMPACT: no whitespace at all
 * @LK_JSON_WRITE_PRETTY: two-space indentation; arrays of plain values stay on one line
 *
 * How lk_json_write_node() lays out its output.
 */
typedef enum
{
  LK_JSON_WRITE_COMPACT = 0,
  LK_JSON_WRITE_PRETTY  = 1 << 0,
} LkJsonWriteFlags;

void      lk_json_write_node     (GString          *out,
                                  JsonNode         *node,
                                  LkJsonWriteFlags  flags,
                                  guint             indent);
void      lk_json_write_string   (GString          *out,
                                  const char       *str);
void      lk_json_write_double   (GString          *out,
                                  double            value);
char     *lk_json_format_number  (JsonNode         *node);
char     *lk_json_to_string      (JsonNode         *node,
                                  LkJsonWriteFlags  flags);
JsonNode *lk_json_node_copy_deep (JsonNode         *node);
guint     lk_json_node_get_depth (JsonNode         *node);

G_END_DECLS
