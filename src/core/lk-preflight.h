/* lk-preflight.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lk-check.h"
#include "lk-object-info.h"
#include "lk-workflow.h"

G_BEGIN_DECLS

#define LK_TYPE_PREFLIGHT (lk_preflight_get_type ())
G_DECLARE_FINAL_TYPE (LkPreflight, lk_preflight, LK, PREFLIGHT, GObject)

LkPreflight *lk_preflight_new                (LkObjectInfo *object_info);
void         lk_preflight_set_server         (LkPreflight  *self,
                                              const char   *server);
void         lk_preflight_set_base_model     (LkPreflight  *self,
                                              const char   *file_name,
                                              const char   *family);
GListModel  *lk_preflight_run                (LkPreflight  *self,
                                              LkWorkflow   *workflow);

gboolean     lk_preflight_has_errors         (GListModel   *checks);
JsonNode    *lk_preflight_checks_to_json     (GListModel   *checks);
JsonNode    *lk_preflight_report_to_json     (LkWorkflow   *workflow,
                                              GListModel   *checks);
char        *lk_preflight_report_to_string   (LkWorkflow   *workflow,
                                              GListModel   *checks,
                                              gboolean      pretty);

G_END_DECLS
