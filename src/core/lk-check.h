/* lk-check.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LkCheckLevel:
 * @LK_CHECK_LEVEL_OK: the check passed
 * @LK_CHECK_LEVEL_WARNING: something to look at; submitting is still possible
 * @LK_CHECK_LEVEL_ERROR: submitting would fail or make the wrong picture
 *
 * The outcome of one check.
 */
typedef enum
{
  LK_CHECK_LEVEL_OK,
  LK_CHECK_LEVEL_WARNING,
  LK_CHECK_LEVEL_ERROR,
} LkCheckLevel;

#define LK_TYPE_CHECK_LEVEL (lk_check_level_get_type ())
GType lk_check_level_get_type (void) G_GNUC_CONST;

#define LK_TYPE_CHECK (lk_check_get_type ())
G_DECLARE_FINAL_TYPE (LkCheck, lk_check, LK, CHECK, GObject)

LkCheck      *lk_check_new              (const char   *id,
                                         LkCheckLevel  level,
                                         const char   *node_id,
                                         const char   *message,
                                         const char   *fix);
const char   *lk_check_get_id           (LkCheck      *self);
LkCheckLevel  lk_check_get_level        (LkCheck      *self);
const char   *lk_check_get_node_id      (LkCheck      *self);
const char   *lk_check_get_message      (LkCheck      *self);
const char   *lk_check_get_fix          (LkCheck      *self);
JsonNode     *lk_check_to_json          (LkCheck      *self);
const char   *lk_check_level_to_string  (LkCheckLevel  level);

G_END_DECLS
