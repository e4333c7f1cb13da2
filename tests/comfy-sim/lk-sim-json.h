/* lk-sim-json.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * ComfyUI is a Python server: its JSON comes from json.dumps() with the default ", " and ": "
 * separators and ensure_ascii, and the texts of its errors use Python's str() and repr() of
 * values. These helpers reproduce both, so that the simulator's bytes look like the real ones.
 */

JsonNode *lk_sim_json_uint64_max  (void);
char     *lk_sim_json_dumps       (JsonNode    *node);
char     *lk_sim_json_dumps_object (JsonObject *object);
GBytes   *lk_sim_json_dumps_bytes (JsonNode    *node);
JsonNode *lk_sim_json_parse       (const char  *data,
                                   gssize       length,
                                   GError     **error);

void      lk_sim_py_float_repr    (GString     *out,
                                   double       value,
                                   gboolean     json);
char     *lk_sim_py_str           (JsonNode    *node);
char     *lk_sim_py_repr          (JsonNode    *node);
void      lk_sim_py_repr_string   (GString     *out,
                                   const char  *str);
const char *lk_sim_py_type_name   (JsonNode    *node);
gboolean  lk_sim_py_truth         (JsonNode    *node);
gboolean  lk_sim_py_parse_int     (const char  *text,
                                   gint64      *out);
gboolean  lk_sim_py_parse_float   (const char  *text,
                                   double      *out);

const char *lk_sim_json_get_string (JsonObject *object,
                                    const char *member);
JsonNode *lk_sim_json_string      (const char  *value);
JsonNode *lk_sim_json_int         (gint64       value);
JsonNode *lk_sim_json_double      (double       value);
JsonNode *lk_sim_json_bool        (gboolean     value);
JsonNode *lk_sim_json_null        (void);
JsonNode *lk_sim_json_object_node (JsonObject  *object);
JsonNode *lk_sim_json_array_node  (JsonArray   *array);
JsonArray *lk_sim_json_strv       (const char * const *strv);

G_END_DECLS
