/* lk-template.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_TEMPLATE (lk_template_get_type ())

G_DECLARE_FINAL_TYPE (LkTemplate, lk_template, LK, TEMPLATE, GObject)

/*
 * LkTemplate
 *
 * A ComfyUI workflow template (API format) from the catalog.
 *
 * A snapshot of catalog rows with read-only properties, so the UI can bind them; the
 * catalog updates live objects in place and notifies only the properties that changed.
 */

/**
 * lk_template_get_id:
 * @self: a #LkTemplate
 *
 * Returns: the row id
 */
gint64 lk_template_get_id (LkTemplate *self);

/**
 * lk_template_get_name:
 * @self: a #LkTemplate
 *
 * Returns: (transfer none) (nullable): the template name
 */
const char *lk_template_get_name (LkTemplate *self);

/**
 * lk_template_get_workflow_json:
 * @self: a #LkTemplate
 *
 * Returns: (transfer none) (nullable): the workflow as JSON text
 */
const char *lk_template_get_workflow_json (LkTemplate *self);

/**
 * lk_template_get_lora_loader_node:
 * @self: a #LkTemplate
 *
 * Returns: (transfer none) (nullable): the id of the LoraLoader node ("10" usually), %NULL when there is none
 */
const char *lk_template_get_lora_loader_node (LkTemplate *self);

/**
 * lk_template_get_kind:
 * @self: a #LkTemplate
 *
 * Returns: (transfer none) (nullable): "image" or "video" (the template has a video output node)
 */
const char *lk_template_get_kind (LkTemplate *self);

/**
 * lk_template_get_problem:
 * @self: a #LkTemplate
 *
 * Returns: (transfer none) (nullable): why the template cannot be used as it is, %NULL when it can
 */
const char *lk_template_get_problem (LkTemplate *self);

G_END_DECLS
