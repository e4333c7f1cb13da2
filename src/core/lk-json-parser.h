/* lk-json-parser.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LkJsonParseFlags:
 * @LK_JSON_PARSE_DEFAULT: strict RFC 8259 JSON; integers must fit in 64 bits
 * @LK_JSON_PARSE_LOOSE_NUMBERS: accept what Python's json.dumps() writes for a server's node
 *   descriptions: integers beyond 64 bits become (inexact) doubles and `NaN`, `Infinity`,
 *   `-Infinity` become null. Only for data whose numbers Lorakeet never writes back.
 *
 * How strictly lk_json_parse() reads numbers.
 */
typedef enum
{
  LK_JSON_PARSE_DEFAULT       = 0,
  LK_JSON_PARSE_LOOSE_NUMBERS = 1 << 0,
} LkJsonParseFlags;

JsonNode *lk_json_parse (const char         *data,
                         gsize               length,
                         gsize               max_length,
                         guint               max_depth,
                         LkJsonParseFlags    flags,
                         char             ***error_path,
                         GError            **error);

G_END_DECLS
