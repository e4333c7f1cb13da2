/* lk-object-info.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "lk-workflow-error.h"

G_BEGIN_DECLS

/**
 * LK_OBJECT_INFO_MAX_SIZE:
 *
 * The largest `/object_info` answer Lorakeet reads. A server with many custom node packs
 * answers with tens of megabytes.
 */
#define LK_OBJECT_INFO_MAX_SIZE (128 * 1024 * 1024)

#define LK_TYPE_OBJECT_INFO (lk_object_info_get_type ())
G_DECLARE_FINAL_TYPE (LkObjectInfo, lk_object_info, LK, OBJECT_INFO, GObject)

LkObjectInfo        *lk_object_info_new_from_string      (const char    *data,
                                                          gssize         length,
                                                          GError       **error);
LkObjectInfo        *lk_object_info_new_from_node        (JsonNode      *root,
                                                          GError       **error);
guint                lk_object_info_get_n_classes        (LkObjectInfo  *self);
gboolean             lk_object_info_has_class            (LkObjectInfo  *self,
                                                          const char    *class_type);
gboolean             lk_object_info_is_output_node       (LkObjectInfo  *self,
                                                          const char    *class_type);
char               **lk_object_info_dup_required_inputs  (LkObjectInfo  *self,
                                                          const char    *class_type);
const char          *lk_object_info_get_input_type       (LkObjectInfo  *self,
                                                          const char    *class_type,
                                                          const char    *input);
const char * const  *lk_object_info_get_options         (LkObjectInfo  *self,
                                                          const char    *class_type,
                                                          const char    *input);
const char          *lk_object_info_find_option         (LkObjectInfo  *self,
                                                          const char    *class_type,
                                                          const char    *input,
                                                          const char    *value);
guint                lk_object_info_get_n_outputs        (LkObjectInfo  *self,
                                                          const char    *class_type);
const char          *lk_object_info_get_output_type      (LkObjectInfo  *self,
                                                          const char    *class_type,
                                                          guint          slot);
char                 lk_object_info_get_path_separator   (LkObjectInfo  *self);

G_END_DECLS
