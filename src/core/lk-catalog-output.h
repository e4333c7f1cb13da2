/* lk-catalog-output.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_CATALOG_OUTPUT (lk_catalog_output_get_type ())

G_DECLARE_FINAL_TYPE (LkCatalogOutput, lk_catalog_output, LK, CATALOG_OUTPUT, GObject)

/*
 * LkCatalogOutput
 *
 * A file a generation job produced, as ComfyUI names it.
 *
 * A snapshot of catalog rows with read-only properties, so the UI can bind them; the
 * catalog updates live objects in place and notifies only the properties that changed.
 */

/**
 * lk_catalog_output_get_id:
 * @self: a #LkCatalogOutput
 *
 * Returns: the row id
 */
gint64 lk_catalog_output_get_id (LkCatalogOutput *self);

/**
 * lk_catalog_output_get_job_id:
 * @self: a #LkCatalogOutput
 *
 * Returns: the job
 */
gint64 lk_catalog_output_get_job_id (LkCatalogOutput *self);

/**
 * lk_catalog_output_get_filename:
 * @self: a #LkCatalogOutput
 *
 * Returns: (transfer none) (nullable): the file name
 */
const char *lk_catalog_output_get_filename (LkCatalogOutput *self);

/**
 * lk_catalog_output_get_subfolder:
 * @self: a #LkCatalogOutput
 *
 * Returns: (transfer none) (nullable): the subfolder below ComfyUI's output folder
 */
const char *lk_catalog_output_get_subfolder (LkCatalogOutput *self);

/**
 * lk_catalog_output_get_output_type:
 * @self: a #LkCatalogOutput
 *
 * Returns: (transfer none) (nullable): "output" or "temp"
 */
const char *lk_catalog_output_get_output_type (LkCatalogOutput *self);

/**
 * lk_catalog_output_get_kind:
 * @self: a #LkCatalogOutput
 *
 * Returns: (transfer none) (nullable): "image" or "video"
 */
const char *lk_catalog_output_get_kind (LkCatalogOutput *self);

/**
 * lk_catalog_output_get_node_id:
 * @self: a #LkCatalogOutput
 *
 * Returns: (transfer none) (nullable): the node that produced it
 */
const char *lk_catalog_output_get_node_id (LkCatalogOutput *self);

/**
 * lk_catalog_output_new:
 * @filename: the file name ComfyUI gave
 * @subfolder: (nullable): the subfolder, %NULL for none
 * @output_type: (nullable): "output" (the default) or "temp"
 * @kind: "image" or "video"
 * @node_id: (nullable): the node that produced it
 *
 * Describes an output to record with lk_catalog_add_job_outputs_async().
 *
 * Returns: (transfer full): a new #LkCatalogOutput
 */
LkCatalogOutput *lk_catalog_output_new (const char *filename,
                                        const char *subfolder,
                                        const char *output_type,
                                        const char *kind,
                                        const char *node_id);

G_END_DECLS
